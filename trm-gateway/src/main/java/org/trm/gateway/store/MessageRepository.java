package org.trm.gateway.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.trm.model.code.MessageType;
import org.trm.model.status.Direction;
import org.trm.model.status.MessageState;

/**
 * Messages in PostgreSQL. The queue's hot statements (insert on accept, lease, outcomes) are plain
 * JDBC in short transactions of their own: they run for every envelope on every hop, and the ORM's
 * per-statement overhead was the largest single cost in the relay's profile. Everything else goes
 * through Panache. Longer than most classes on purpose: every statement that locks message rows is
 * here, so that they all take their locks in one order ({@code inLockOrder}) and cannot deadlock.
 */
@ApplicationScoped
public class MessageRepository implements PanacheRepositoryBase<Message, UUID> {
    private static final String DEADLOCK = "40P01";

    @Inject
    DataSource dataSource;

    /**
     * Leases due messages of one direction to the caller: their next attempt moves to the end of the
     * lease, in one short transaction, so that no lock and no connection is held while they travel.
     * SKIP LOCKED lets several workers and replicas claim at once without waiting on, or sending
     * twice, each other's rows. An outcome ends the lease; a worker that dies leaves its messages
     * due again when the lease ends, and they are sent again, which every receiver absorbs (same id,
     * same bytes).
     */
    public List<Message> lease(Direction direction, int limit, Duration lease) {
        return transaction(false, c -> {
            try (PreparedStatement ps = c.prepareStatement(LEASE.formatted("direction = ? AND next_attempt_at <= now()"))) {
                ps.setDouble(1, lease.toMillis() / 1000.0);
                ps.setString(2, direction.name());
                ps.setInt(3, limit);
                return leased(ps, direction);
            }
        });
    }

    private static final String LEASE = """
            UPDATE message SET next_attempt_at = now() + make_interval(secs => ?), backing_off = false
            WHERE message_id IN (
                SELECT message_id FROM message
                WHERE state = 'ACCEPTED' AND %s
                ORDER BY next_attempt_at
                LIMIT ?
                FOR UPDATE SKIP LOCKED)
            RETURNING message_id, type, from_country, to_country, jws, attempts, deadline""";

    private static List<Message> leased(PreparedStatement ps, Direction direction) throws SQLException {
        List<Message> leased = new ArrayList<>();
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
                leased.add(m);
            }
        }
        return leased;
    }

    /** A next hop: the direction, and for outbound messages the recipient country (inbound ones all go to the node). */
    public record Hop(Direction direction, String toCountry) {
    }

    /** The next hops that messages wait for, in back-off after a failed attempt. */
    public List<Hop> hopsBackingOff() {
        return transaction(false, c -> {
            List<Hop> hops = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT DISTINCT direction, to_country FROM message
                    WHERE state = 'ACCEPTED' AND backing_off AND next_attempt_at > now()""");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hops.add(new Hop(Direction.valueOf(rs.getString(1)), rs.getString(2)));
                }
            }
            return hops;
        });
    }

    /**
     * Leases the message to {@code hop} that waits out a failed attempt and is due first, as a probe
     * of a peer that may be back; none when nothing waits (or another worker holds them).
     */
    public List<Message> leaseProbe(Hop hop, Duration lease) {
        return transaction(false, c -> {
            try (PreparedStatement ps = c.prepareStatement(LEASE.formatted(
                    "direction = ? AND to_country = ? AND backing_off AND next_attempt_at > now()"))) {
                ps.setDouble(1, lease.toMillis() / 1000.0);
                ps.setString(2, hop.direction().name());
                ps.setString(3, hop.toCountry());
                ps.setInt(4, 1);
                return leased(ps, hop.direction());
            }
        });
    }

    /**
     * The peer of {@code hop} answers again: every message to it that waits out a failed attempt is
     * due now (not those leased, which are on their way); returns how many. Rows another transaction
     * holds are skipped rather than waited for, so this takes no lock out of order; what it skips is
     * found by the next probe.
     */
    public int dueNow(Hop hop) {
        return transaction(false, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE message SET next_attempt_at = now()
                    WHERE message_id IN (
                        SELECT message_id FROM message
                        WHERE state = 'ACCEPTED' AND direction = ? AND to_country = ? AND backing_off
                            AND next_attempt_at > now()
                        ORDER BY message_id
                        FOR UPDATE SKIP LOCKED)""")) {
                ps.setString(1, hop.direction().name());
                ps.setString(2, hop.toCountry());
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Extends the leases of messages still on their way with this instance. Only a lease that still
     * runs is extended (one that lapsed may be another's now), and rows being written right now are
     * skipped: their outcome ends the lease anyway.
     */
    public int renewLeases(List<UUID> ids, Duration lease) {
        return transaction(false, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE message SET next_attempt_at = now() + make_interval(secs => ?)
                    WHERE message_id IN (
                        SELECT message_id FROM message
                        WHERE message_id = ANY(?) AND state = 'ACCEPTED' AND NOT backing_off AND next_attempt_at > now()
                        ORDER BY message_id
                        FOR UPDATE SKIP LOCKED)""")) {
                ps.setDouble(1, lease.toMillis() / 1000.0);
                ps.setArray(2, c.createArrayOf("uuid", ids.toArray()));
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Writes what became of leased messages, and stores the receipts their deliveries brought back
     * and the failure signals their deaths caused (returning, per message to store, whether it was
     * new), in one transaction that does not wait for its WAL flush: if a crash loses it, the
     * messages are still ACCEPTED and are sent again, and the node answers a redelivery with the
     * same receipt.
     * A failure only counts while the message is still ACCEPTED; a success also ends a dead letter
     * the deadline sweep made meanwhile (but not one a failure signal ended: its sender was told),
     * and never undoes a receipt that came back first. A failure signal is stored only when its
     * message's death was written here, so that a message dies, and is reported, once.
     */
    public boolean[] saveOutcomes(List<Message> outcomes, List<Message> toStore) {
        return transaction(false, c -> {
            List<Message> ordered = inLockOrder(outcomes, m -> m.messageId);
            int[] updated;
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE message SET state = CASE WHEN state = 'RECEIPTED' THEN state ELSE ? END,
                        attempts = ?, next_attempt_at = coalesce(?, next_attempt_at), last_error = ?,
                        forwarded_at = coalesce(forwarded_at, ?), delivered_at = coalesce(delivered_at, ?),
                        receipted_at = coalesce(receipted_at, ?), receipt_message_id = coalesce(receipt_message_id, ?),
                        dead_at = ?, backing_off = ?, failure_message_id = coalesce(?, failure_message_id)
                    WHERE message_id = ? AND (state = 'ACCEPTED'
                        OR (? AND (state = 'RECEIPTED' OR (state = 'DEAD' AND failure_message_id IS NULL))))""")) {
                for (Message m : ordered) {
                    boolean success = m.state != MessageState.ACCEPTED && m.state != MessageState.DEAD;
                    ps.setString(1, m.state.name());
                    ps.setInt(2, m.attempts);
                    ps.setObject(3, time(m.nextAttemptAt), Types.TIMESTAMP_WITH_TIMEZONE);
                    ps.setString(4, m.lastError);
                    ps.setObject(5, time(m.forwardedAt), Types.TIMESTAMP_WITH_TIMEZONE);
                    ps.setObject(6, time(m.deliveredAt), Types.TIMESTAMP_WITH_TIMEZONE);
                    ps.setObject(7, time(m.receiptedAt), Types.TIMESTAMP_WITH_TIMEZONE);
                    ps.setObject(8, m.receiptMessageId, Types.OTHER);
                    ps.setObject(9, time(m.deadAt), Types.TIMESTAMP_WITH_TIMEZONE);
                    // Still ACCEPTED after an outcome: it failed and waits out its back-off.
                    ps.setBoolean(10, m.state == MessageState.ACCEPTED);
                    ps.setObject(11, m.failureMessageId, Types.OTHER);
                    ps.setObject(12, m.messageId);
                    ps.setBoolean(13, success);
                    ps.addBatch();
                }
                updated = ordered.isEmpty() ? new int[0] : ps.executeBatch();
            }
            Set<UUID> ended = new HashSet<>();
            for (int i = 0; i < ordered.size(); i++) {
                if (updated[i] != 0 && ordered.get(i).state == MessageState.DEAD) {
                    ended.add(ordered.get(i).messageId);
                }
            }
            List<Message> insertable = new ArrayList<>();
            for (Message m : toStore) {
                if (!MessageType.DELIVERY_FAILURE.name().equals(m.type) || ended.contains(m.inReplyTo)) {
                    insertable.add(m);
                }
            }
            boolean[] inserted = insertable.isEmpty() ? new boolean[0] : insert(c, insertable);
            boolean[] stored = new boolean[toStore.size()];
            for (int i = 0, j = 0; i < toStore.size(); i++) {
                if (j < insertable.size() && insertable.get(j) == toStore.get(i)) {
                    stored[i] = inserted[j++];
                }
            }
            return stored;
        });
    }

    /**
     * Inserts a group of accepted messages in one transaction (one commit, one WAL flush, waited
     * for: this commit is the promise behind a 202), each unless its id exists; returns, per
     * message, whether it was inserted. A receipt that is new also marks the message it answers
     * RECEIPTED, if that message went between the same two countries.
     */
    public boolean[] insertAllIfAbsent(List<Message> group) {
        return transaction(true, c -> {
            boolean[] inserted = insert(c, group);
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE message SET state = 'RECEIPTED', receipt_message_id = ?, receipted_at = ?
                    WHERE message_id = ? AND from_country = ? AND to_country = ?
                        AND state IN ('ACCEPTED', 'FORWARDED', 'DELIVERED', 'DEAD')""")) {
                List<Message> receipts = new ArrayList<>();
                for (int i = 0; i < group.size(); i++) {
                    Message receipt = group.get(i);
                    if (inserted[i] && MessageType.RECEIPT.name().equals(receipt.type) && receipt.inReplyTo != null) {
                        receipts.add(receipt);
                    }
                }
                for (Message receipt : inLockOrder(receipts, r -> r.inReplyTo)) {
                    ps.setObject(1, receipt.messageId);
                    ps.setObject(2, time(receipt.acceptedAt));
                    ps.setObject(3, receipt.inReplyTo);
                    ps.setString(4, receipt.toCountry);
                    ps.setString(5, receipt.fromCountry);
                    ps.addBatch();
                }
                if (!receipts.isEmpty()) {
                    ps.executeBatch();
                }
            }
            endReported(c, group, inserted);
            return inserted;
        });
    }

    /**
     * A peer's DELIVERY_FAILURE that is new ends the message it reports, if that message went from
     * this country to the signal's sender with that hash and no receipt came back first: DEAD, with
     * the signal's reason as its last error. Signals are rare, so they come after the receipts'
     * batch, outside its lock order; a deadlock that this could cause is retried ({@link #transaction}).
     */
    private static void endReported(Connection c, List<Message> group, boolean[] inserted) throws SQLException {
        List<Message> reports = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            if (inserted[i] && group.get(i).reported != null) {
                reports.add(group.get(i));
            }
        }
        if (reports.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE message SET state = 'DEAD', dead_at = ?, last_error = ?, failure_message_id = ?
                WHERE message_id = ? AND direction = 'OUTBOUND' AND from_country = ? AND to_country = ? AND sha256 = ?
                    AND state IN ('ACCEPTED', 'FORWARDED', 'DELIVERED')""")) {
            for (Message signal : inLockOrder(reports, r -> r.inReplyTo)) {
                ps.setObject(1, time(signal.acceptedAt));
                ps.setString(2, signal.reported.reason());
                ps.setObject(3, signal.messageId);
                ps.setObject(4, signal.inReplyTo);
                ps.setString(5, signal.toCountry);
                ps.setString(6, signal.fromCountry);
                ps.setString(7, signal.reported.sha256());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static final String INSERT = """
            INSERT INTO message (message_id, direction, type, from_country, to_country, conversation_id,
                in_reply_to, signing_kid, created_at, expires_at, sha256, size_bytes, jws, state, attempts,
                next_attempt_at, deadline, accepted_at, agreement_id, agreement_revision)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACCEPTED', 0, ?, ?, ?, ?, ?)
            ON CONFLICT (message_id) DO NOTHING""";

    private static boolean[] insert(Connection c, List<Message> group) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (Message m : group) {
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
                ps.setObject(14, time(m.nextAttemptAt));
                ps.setObject(15, time(m.deadline));
                ps.setObject(16, time(m.acceptedAt));
                ps.setString(17, m.agreementId);
                ps.setObject(18, m.agreementRevision, Types.INTEGER);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            boolean[] inserted = new boolean[counts.length];
            for (int i = 0; i < counts.length; i++) {
                inserted[i] = counts[i] == 1;
            }
            return inserted;
        }
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * The rows to update, ordered by the id each update locks. Outcomes and receipts may update the
     * same messages at once (a receipt can come back before its message's FORWARDED is written);
     * taking the locks in one order means they wait for each other but never deadlock.
     */
    private static List<Message> inLockOrder(List<Message> rows, Function<Message, UUID> lockedId) {
        List<Message> ordered = new ArrayList<>(rows);
        ordered.sort(Comparator.comparing(lockedId));
        return ordered;
    }

    /**
     * Runs {@code work} in a transaction of its own on a pooled connection; {@code durable} waits for
     * the WAL flush. A transaction PostgreSQL chose as a deadlock victim is run again, a few times:
     * it changed nothing, and its callers should not see a failure they did not cause.
     */
    private <T> T transaction(boolean durable, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactionOnce(durable, work);
            } catch (IllegalStateException e) {
                if (attempt == 3 || !(e.getCause() instanceof SQLException sql) || !DEADLOCK.equals(sql.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    private <T> T transactionOnce(boolean durable, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!durable) {
                    try (Statement st = c.createStatement()) {
                        st.execute("SET LOCAL synchronous_commit TO OFF");
                    }
                }
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("message store: " + e.getSQLState(), e);
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /**
     * Moves every undelivered message past its deadline to DEAD, never deleting anything, and stores
     * in the same transaction the failure signal {@code signalFor} makes for each (if any), due at
     * once: a message dies, and its sender is told, together or not at all.
     */
    public Expired expire(Instant now, Function<Message, Optional<Message>> signalFor) {
        return transaction(true, c -> {
            List<Message> dead = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE message SET state = 'DEAD', dead_at = ?, last_error = coalesce(last_error, 'deadline passed')
                    WHERE state = 'ACCEPTED' AND deadline <= ?
                    RETURNING message_id, direction, type, from_country, to_country, jws, last_error""")) {
                ps.setObject(1, time(now));
                ps.setObject(2, time(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Message m = new Message();
                        m.messageId = rs.getObject(1, UUID.class);
                        m.direction = Direction.valueOf(rs.getString(2));
                        m.type = rs.getString(3);
                        m.fromCountry = rs.getString(4);
                        m.toCountry = rs.getString(5);
                        m.jws = rs.getString(6);
                        m.lastError = rs.getString(7);
                        m.state = MessageState.DEAD;
                        dead.add(m);
                    }
                }
            }
            List<Message> signals = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("UPDATE message SET failure_message_id = ? WHERE message_id = ?")) {
                for (Message m : dead) {
                    Optional<Message> signal = signalFor.apply(m);
                    if (signal.isPresent()) {
                        signals.add(signal.get());
                        ps.setObject(1, signal.get().messageId);
                        ps.setObject(2, m.messageId);
                        ps.addBatch();
                    }
                }
                if (!signals.isEmpty()) {
                    ps.executeBatch();
                    insert(c, signals);
                }
            }
            Instant firstDeadline;
            try (PreparedStatement ps = c.prepareStatement("SELECT min(deadline) FROM message WHERE state = 'ACCEPTED'");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                firstDeadline = instant(rs.getObject(1, OffsetDateTime.class));
            }
            return new Expired(dead.size(), signals, firstDeadline);
        });
    }

    /**
     * What a deadline sweep did: how many messages died, the failure signals stored for them, and the
     * deadline that comes next (null: no message waits).
     */
    public record Expired(int dead, List<Message> signals, Instant firstDeadline) {
    }

    /**
     * How long until the first waiting message of {@code direction} is due, by the database's clock
     * (which leases use); empty when none waits.
     */
    public Optional<Duration> untilFirstDue(Direction direction) {
        return transaction(false, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT (extract(epoch FROM min(next_attempt_at) - now()) * 1000)::bigint FROM message
                    WHERE state = 'ACCEPTED' AND direction = ?""")) {
                ps.setString(1, direction.name());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long millis = rs.getLong(1);
                    // Not greatest(0, ...) in SQL: it would make "none waits" (null) zero.
                    return rs.wasNull() ? Optional.empty() : Optional.of(Duration.ofMillis(Math.max(0, millis)));
                }
            }
        });
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
