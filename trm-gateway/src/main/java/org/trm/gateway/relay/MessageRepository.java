package org.trm.gateway.relay;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Messages in PostgreSQL. The queue's hot statements (insert on accept, claim, outcomes) are plain
 * JDBC on the transaction's connection: they run for every envelope on every hop, and the ORM's
 * per-statement overhead was the largest single cost in the relay's profile. Everything else goes
 * through Panache.
 */
@ApplicationScoped
public class MessageRepository implements PanacheRepositoryBase<Message, UUID> {

    @Inject
    DataSource dataSource;

    /**
     * Claims due messages of one direction for this transaction. SKIP LOCKED lets several workers
     * and replicas share the queue without waiting on, or sending twice, each other's rows. The
     * rows come back as detached {@link Message}s; {@link #saveOutcomes} writes what became of them.
     */
    public List<Message> claimDue(Direction direction, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT message_id, type, from_country, to_country, jws, attempts, deadline
                        FROM message
                        WHERE state = 'ACCEPTED' AND direction = ? AND next_attempt_at <= now()
                        ORDER BY next_attempt_at
                        LIMIT ?
                        FOR UPDATE SKIP LOCKED""")) {
            ps.setString(1, direction.name());
            ps.setInt(2, limit);
            List<Message> claimed = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Message m = new Message();
                    m.messageId = rs.getObject(1, UUID.class);
                    m.direction = direction;
                    m.type = rs.getString(2);
                    m.fromCountry = rs.getString(3);
                    m.toCountry = rs.getString(4);
                    m.jws = rs.getString(5);
                    m.attempts = rs.getInt(6);
                    m.deadline = instant(rs.getObject(7, OffsetDateTime.class));
                    m.state = MessageState.ACCEPTED;
                    claimed.add(m);
                }
            }
            return claimed;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot claim due messages", e);
        }
    }

    /**
     * Lets the current transaction commit without waiting for its WAL flush. Only for the relay's
     * own bookkeeping: if a crash loses such a commit, the message is still ACCEPTED and is sent
     * again, which every receiver absorbs (same id, same bytes). The accept itself, the promise
     * behind a 202, always commits synchronously.
     */
    public void commitWithoutWaitingForFlush() {
        try (Connection c = dataSource.getConnection(); var st = c.createStatement()) {
            st.execute("SET LOCAL synchronous_commit TO OFF");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot relax the commit of relay bookkeeping", e);
        }
    }

    /** Writes the outcome of a relay attempt for each claimed message, in one batch. */
    public void saveOutcomes(List<Message> batch) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        UPDATE message SET state = ?, attempts = ?, next_attempt_at = coalesce(?, next_attempt_at),
                            last_error = ?, forwarded_at = ?, delivered_at = ?, receipted_at = ?,
                            receipt_message_id = ?, dead_at = ?
                        WHERE message_id = ?""")) {
            for (Message m : batch) {
                ps.setString(1, m.state.name());
                ps.setInt(2, m.attempts);
                ps.setObject(3, time(m.nextAttemptAt), Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setString(4, m.lastError);
                ps.setObject(5, time(m.forwardedAt), Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setObject(6, time(m.deliveredAt), Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setObject(7, time(m.receiptedAt), Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setObject(8, m.receiptMessageId, Types.OTHER);
                ps.setObject(9, time(m.deadAt), Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setObject(10, m.messageId);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record relay outcomes", e);
        }
    }

    private static final String INSERT = """
            INSERT INTO message (message_id, direction, type, from_country, to_country, conversation_id,
                in_reply_to, signing_kid, created_at, expires_at, sha256, size_bytes, jws, state, attempts,
                next_attempt_at, deadline, accepted_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACCEPTED', 0, ?, ?, ?)
            ON CONFLICT (message_id) DO NOTHING""";

    /** Inserts the message, in the caller's transaction, unless its id exists; returns whether it was inserted. */
    public boolean insertIfAbsent(Message m) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            bindInsert(ps, m);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store a message", e);
        }
    }

    /**
     * Inserts a group of messages in one transaction of its own (one commit, one WAL flush), each
     * unless its id exists; returns, per message, whether it was inserted.
     */
    public boolean[] insertAllIfAbsent(List<Message> group) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (Message m : group) {
                    bindInsert(ps, m);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                c.commit();
                boolean[] inserted = new boolean[counts.length];
                for (int i = 0; i < counts.length; i++) {
                    inserted[i] = counts[i] == 1;
                }
                return inserted;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store accepted messages", e);
        }
    }

    private static void bindInsert(PreparedStatement ps, Message m) throws SQLException {
        ps.setObject(1, m.messageId);
        ps.setString(2, m.direction.name());
        ps.setString(3, m.type);
        ps.setString(4, m.fromCountry);
        ps.setString(5, m.toCountry);
        ps.setObject(6, m.conversationId);
        ps.setObject(7, m.inReplyTo, Types.OTHER);
        ps.setString(8, m.signingKid);
        ps.setObject(9, time(m.createdAt));
        ps.setObject(10, time(m.expiresAt));
        ps.setString(11, m.sha256);
        ps.setInt(12, m.sizeBytes);
        ps.setString(13, m.jws);
        ps.setObject(14, time(m.acceptedAt));
        ps.setObject(15, time(m.deadline));
        ps.setObject(16, time(m.acceptedAt));
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** Marks the original of a receipt RECEIPTED, if it is a message between the same two countries. */
    public int markReceipted(UUID original, UUID receipt, String originalFrom, String originalTo, Instant at) {
        return update("state = ?1, receiptMessageId = ?2, receiptedAt = ?3 "
                + "where messageId = ?4 and fromCountry = ?5 and toCountry = ?6 and state in ?7",
                MessageState.RECEIPTED, receipt, at, original, originalFrom, originalTo,
                List.of(MessageState.ACCEPTED, MessageState.FORWARDED, MessageState.DELIVERED));
    }

    /** Moves every undelivered message past its deadline to DEAD; never deletes anything. */
    public int expire(Instant now) {
        return update("state = ?1, deadAt = ?2, lastError = coalesce(lastError, 'deadline passed') "
                + "where state = ?3 and deadline <= ?2", MessageState.DEAD, now, MessageState.ACCEPTED);
    }

    public List<Message> deadLetters(int limit) {
        return find("state = ?1 order by deadAt desc", MessageState.DEAD).page(0, limit).list();
    }

    /** Drops the stored bodies of messages receipted before {@code before}; header and receipt link stay. */
    public int purgeBodies(Instant before, Instant now) {
        return update("jws = null, bodyPurgedAt = ?1 where state = ?2 and receiptedAt < ?3 and jws is not null",
                now, MessageState.RECEIPTED, before);
    }

    @SuppressWarnings("unchecked")
    public List<Object[]> queueByPeer() {
        return getEntityManager().createNativeQuery("""
                SELECT direction, to_country, count(*), min(accepted_at)
                FROM message WHERE state = 'ACCEPTED' GROUP BY direction, to_country""").getResultList();
    }
}
