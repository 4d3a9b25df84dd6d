package org.trm.gateway.relay;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class MessageRepository implements PanacheRepositoryBase<Message, UUID> {

    /**
     * Claims due messages of one direction for this transaction. SKIP LOCKED lets several workers
     * and replicas share the queue without waiting on, or sending twice, each other's rows.
     */
    @SuppressWarnings("unchecked")
    public List<Message> claimDue(Direction direction, int limit) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM message
                WHERE state = 'ACCEPTED' AND direction = :direction AND next_attempt_at <= now()
                ORDER BY next_attempt_at
                LIMIT :limit
                FOR UPDATE SKIP LOCKED""", Message.class)
                .setParameter("direction", direction.name())
                .setParameter("limit", limit)
                .getResultList();
    }

    /** Inserts the message unless its id exists; returns whether it was inserted. */
    public boolean insertIfAbsent(Message m) {
        org.hibernate.query.NativeQuery<?> query = getEntityManager().createNativeQuery("""
                INSERT INTO message (message_id, direction, type, from_country, to_country, conversation_id,
                    in_reply_to, signing_kid, created_at, expires_at, sha256, size_bytes, jws, state, attempts,
                    next_attempt_at, deadline, accepted_at)
                VALUES (:id, :direction, :type, :from, :to, :conversation, :inReplyTo, :kid, :createdAt,
                    :expiresAt, :sha256, :size, :jws, 'ACCEPTED', 0, :now, :expiresAt, :now)
                ON CONFLICT (message_id) DO NOTHING""").unwrap(org.hibernate.query.NativeQuery.class);
        // Typed, because a null uuid would otherwise be bound as bytea.
        query.setParameter("inReplyTo", m.inReplyTo, UUID.class);
        int rows = query.setParameter("id", m.messageId)
                .setParameter("direction", m.direction.name())
                .setParameter("type", m.type)
                .setParameter("from", m.fromCountry)
                .setParameter("to", m.toCountry)
                .setParameter("conversation", m.conversationId)
                .setParameter("kid", m.signingKid)
                .setParameter("createdAt", m.createdAt)
                .setParameter("expiresAt", m.expiresAt)
                .setParameter("sha256", m.sha256)
                .setParameter("size", m.sizeBytes)
                .setParameter("jws", m.jws)
                .setParameter("now", m.acceptedAt)
                .executeUpdate();
        return rows == 1;
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
