package org.trm.nrm.referral;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.trm.model.status.Direction;

@ApplicationScoped
public class MessageRepository implements PanacheRepositoryBase<TransnationalMessage, UUID> {

    public List<TransnationalMessage> ofConversation(UUID conversationId) {
        return list("conversationId", Sort.by("createdAt"), conversationId);
    }

    /**
     * Claims the next due outbox row, skipping rows another worker holds. A message waits until the
     * one before it in its conversation has reached the partner's node (DELIVERED or RECEIPTED) or
     * failed: gateways retry independently of each other, so this is what keeps a partner from ever
     * seeing an update before the referral it belongs to.
     */
    @SuppressWarnings("unchecked")
    public java.util.Optional<TransnationalMessage> claimNext(Instant now) {
        return getEntityManager().createNativeQuery("""
                SELECT m.* FROM transnational_message m
                WHERE m.state = 'QUEUED' AND m.next_attempt_at <= ?1
                  AND NOT EXISTS (SELECT 1 FROM transnational_message e
                                  WHERE e.conversation_id = m.conversation_id AND e.direction = 'OUTBOUND'
                                    AND e.state IN ('QUEUED', 'SENT') AND e.created_at < m.created_at)
                ORDER BY m.next_attempt_at
                LIMIT 1
                FOR UPDATE OF m SKIP LOCKED""", TransnationalMessage.class)
                .setParameter(1, now).getResultStream().findFirst();
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
}
