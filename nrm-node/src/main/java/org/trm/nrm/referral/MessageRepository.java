package org.trm.nrm.referral;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.trm.model.code.MessageType;
import org.trm.model.status.Direction;

@ApplicationScoped
public class MessageRepository implements PanacheRepositoryBase<TransnationalMessage, UUID> {

    public List<TransnationalMessage> ofConversation(UUID conversationId) {
        return list("conversationId", Sort.by("createdAt"), conversationId);
    }

    /** Whether a message of this type went that way in the conversation (a failed one does not count). */
    public boolean exchanged(UUID conversationId, Direction direction, MessageType type) {
        return count("conversationId = ?1 and direction = ?2 and type = ?3 and state <> ?4", conversationId, direction,
                type, TransnationalMessage.State.FAILED) > 0;
    }

    /**
     * When this node first told {@code partner} of a return of the case that it has not called off:
     * the earliest pre-notification of a conversation still NOTIFIED (one that failed does not count).
     */
    public Optional<Instant> firstPrenotification(UUID caseId, String partner) {
        Instant first = getEntityManager().createQuery("select min(m.createdAt) from TransnationalMessage m, Conversation c"
                + " where m.conversationId = c.id and c.caseId = :case and c.partner = :partner and c.status = :notified"
                + " and m.type = :type and m.direction = :out and m.state <> :failed", Instant.class)
                .setParameter("case", caseId).setParameter("partner", partner)
                .setParameter("notified", Conversation.Status.NOTIFIED)
                .setParameter("type", MessageType.RETURN_PRENOTIFICATION).setParameter("out", Direction.OUTBOUND)
                .setParameter("failed", TransnationalMessage.State.FAILED).getSingleResult();
        return Optional.ofNullable(first);
    }

    /**
     * Leases due outbox rows to the caller, in one short transaction of its own: their next attempt
     * moves to the end of the lease and the attempt is counted, so that no row lock and no connection
     * is held while they travel to the gateway. SKIP LOCKED lets replicas lease at once without
     * waiting on, or sending twice, each other's rows; a worker that dies leaves its rows due again
     * when the lease ends (the gateway takes a resend as a no-op). A message waits until the one
     * before it in its conversation has reached the partner's node (DELIVERED or RECEIPTED) or
     * failed: gateways retry independently of each other, so this is what keeps a partner from ever
     * seeing an update before the referral it belongs to.
     */
    public List<TransnationalMessage> lease(Instant now, Duration lease, int limit) {
        return lease(LEASE_DUE, now, lease, limit);
    }

    /**
     * Leases the message that waits out a failed hand-over and is due first, as a probe of a gateway
     * that may be back; none when nothing waits.
     */
    public List<TransnationalMessage> leaseProbe(Instant now, Duration lease) {
        return lease(LEASE_PROBE, now, lease, 1);
    }

    private static final String LEASE = """
            UPDATE transnational_message m SET next_attempt_at = ?2, attempts = m.attempts + 1, backing_off = false
            WHERE m.message_id IN (
                SELECT c.message_id FROM transnational_message c
                WHERE c.state = 'QUEUED' AND %s
                  AND NOT EXISTS (SELECT 1 FROM transnational_message e
                                  WHERE e.conversation_id = c.conversation_id AND e.direction = 'OUTBOUND'
                                    AND e.state IN ('QUEUED', 'SENT') AND e.created_at < c.created_at)
                ORDER BY c.next_attempt_at
                LIMIT ?3
                FOR UPDATE OF c SKIP LOCKED)
            RETURNING m.*""";
    private static final String LEASE_DUE = LEASE.formatted("c.next_attempt_at <= ?1");
    private static final String LEASE_PROBE = LEASE.formatted("c.backing_off AND c.next_attempt_at > ?1");

    @SuppressWarnings("unchecked")
    private List<TransnationalMessage> lease(String sql, Instant now, Duration lease, int limit) {
        List<TransnationalMessage> leased = getEntityManager().createNativeQuery(sql, TransnationalMessage.class)
                .setParameter(1, now).setParameter(2, now.plus(lease)).setParameter(3, limit).getResultList();
        leased.sort(java.util.Comparator.comparing(m -> m.createdAt));
        return leased;
    }

    /** What waits in the outbox: when the first message is due (null: none waits), and whether any waits out a failure. */
    public record Waiting(Instant firstDue, boolean backingOff) {
    }

    public Waiting waiting() {
        Object[] row = getEntityManager().createQuery("select min(m.nextAttemptAt), count(case when m.backingOff = true then 1 end)"
                + " from TransnationalMessage m where m.state = :queued", Object[].class)
                .setParameter("queued", TransnationalMessage.State.QUEUED).getSingleResult();
        return new Waiting((Instant) row[0], ((Long) row[1]) > 0);
    }

    /**
     * Extends the leases of messages still being handed over: only a lease that still runs (one that
     * lapsed may be another worker's now), and rows being written right now are skipped.
     */
    public int renewLeases(List<UUID> ids, Instant now, Duration lease) {
        return getEntityManager().createNativeQuery("""
                UPDATE transnational_message SET next_attempt_at = ?2
                WHERE message_id IN (
                    SELECT message_id FROM transnational_message
                    WHERE message_id IN (?3) AND state = 'QUEUED' AND NOT backing_off AND next_attempt_at > ?1
                    ORDER BY message_id
                    FOR UPDATE SKIP LOCKED)""").setParameter(1, now).setParameter(2, now.plus(lease))
                .setParameter(3, ids).executeUpdate();
    }

    /** The gateway took a leased message: SENT, unless a receipt for it came back first. */
    public boolean handedOver(UUID messageId) {
        return update("state = ?1, nextAttemptAt = null, lastError = null, backingOff = false "
                + "where messageId = ?2 and state = ?3", TransnationalMessage.State.SENT, messageId,
                TransnationalMessage.State.QUEUED) > 0;
    }

    /**
     * A hand-over failed: the message waits until {@code next}. Only the lease that made the attempt
     * (its count of attempts) records it, so that a late answer never overrides a newer lease.
     */
    public boolean backOff(UUID messageId, int attempts, Instant next, String why) {
        return update("nextAttemptAt = ?1, lastError = ?2, backingOff = true where messageId = ?3 and state = ?4 "
                + "and attempts = ?5", next, why, messageId, TransnationalMessage.State.QUEUED, attempts) > 0;
    }

    /** The gateway refused a leased message for good, or it cannot leave before it expires: FAILED. */
    public boolean failQueued(UUID messageId, String why) {
        return update("state = ?1, nextAttemptAt = null, lastError = ?2, backingOff = false "
                + "where messageId = ?3 and state = ?4", TransnationalMessage.State.FAILED, why, messageId,
                TransnationalMessage.State.QUEUED) > 0;
    }

    /** The gateway answers again: every message waiting out a failed hand-over is due now; returns how many. */
    public int dueNow(Instant now) {
        return update("nextAttemptAt = ?1 where state = ?2 and backingOff = true and nextAttemptAt > ?1", now,
                TransnationalMessage.State.QUEUED);
    }

    /**
     * Moves a sent message on, never back: the state is changed in the database, under the row lock,
     * so that a receipt taken meanwhile is not overwritten by a stale copy.
     */
    public boolean advance(UUID messageId, TransnationalMessage.State to, String lastError,
            java.util.Collection<TransnationalMessage.State> from) {
        return update("state = ?1, lastError = ?2 where messageId = ?3 and state in ?4", to, lastError, messageId, from) > 0;
    }

    /** Records the partner's receipt on the message it answers, whatever state the message reached. */
    public boolean receipted(UUID messageId, String receiptJws, String receiptSha256, Instant receivedAt) {
        return update("state = ?1, receiptJws = ?2, receiptSha256 = ?3, receiptReceivedAt = ?4, nextAttemptAt = null, "
                + "lastError = null where messageId = ?5 and direction = ?6", TransnationalMessage.State.RECEIPTED,
                receiptJws, receiptSha256, receivedAt, messageId, Direction.OUTBOUND) > 0;
    }

    /**
     * Records that a sent message died on its way, as a failure signal says, unless its receipt was
     * taken: a receipt proves delivery and wins whichever comes first (a receipt taken later moves
     * a FAILED message on to RECEIPTED, see {@link #receipted}). A FAILED message gets the signal's
     * reason, which is more precise than what the node saw at its gateway.
     */
    public boolean failed(UUID messageId, String reason) {
        return update("state = ?1, lastError = ?2, nextAttemptAt = null where messageId = ?3 and direction = ?4 "
                + "and state in ?5", TransnationalMessage.State.FAILED, reason, messageId, Direction.OUTBOUND,
                List.of(TransnationalMessage.State.QUEUED, TransnationalMessage.State.SENT,
                        TransnationalMessage.State.DELIVERED, TransnationalMessage.State.FAILED)) > 0;
    }

    /** The received message whose receipt (issued here) is {@code receiptMessageId}. */
    public java.util.Optional<TransnationalMessage> byReceipt(UUID receiptMessageId) {
        return find("receiptMessageId", receiptMessageId).firstResultOptional();
    }

    /** Sent messages whose delivery is not yet confirmed by a receipt. */
    public List<TransnationalMessage> awaitingReceipt(int limit) {
        return find("direction = ?1 and state in ?2", Sort.by("createdAt"), Direction.OUTBOUND,
                List.of(TransnationalMessage.State.SENT, TransnationalMessage.State.DELIVERED)).page(0, limit).list();
    }

    /**
     * The referrals sent or received under agreement {@code agreementId} in {@code [from, to)}, each
     * with its conversation's answer, in the order they went.
     */
    public List<AgreedReferral> referralsUnder(String agreementId, Instant from, Instant to) {
        return getEntityManager().createQuery("""
                select new org.trm.nrm.referral.AgreedReferral(m.conversationId, m.messageId, m.agreementRevision,
                    m.direction, c.partner, m.createdAt, m.state, c.status, c.answer, c.answeredAt)
                from TransnationalMessage m join Conversation c on c.id = m.conversationId
                where m.type = ?1 and m.agreementId = ?2 and m.createdAt >= ?3 and m.createdAt < ?4
                order by m.createdAt, m.messageId""", AgreedReferral.class)
                .setParameter(1, MessageType.REFERRAL).setParameter(2, agreementId)
                .setParameter(3, from).setParameter(4, to).getResultList();
    }
}
