package org.trm.nrm.referral;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class MessageRepository implements PanacheRepositoryBase<TransnationalMessage, UUID> {

    public List<TransnationalMessage> ofConversation(UUID conversationId) {
        return list("conversationId", Sort.by("createdAt"), conversationId);
    }

    /**
     * Claims due outbox rows, skipping rows another worker holds. A message waits while an earlier
     * one of its conversation is still queued, so that a partner never sees an update before the
     * referral it belongs to.
     */
    @SuppressWarnings("unchecked")
    public List<TransnationalMessage> claimDue(Instant now, int limit) {
        return getEntityManager().createNativeQuery("""
                SELECT m.* FROM transnational_message m
                WHERE m.state = 'QUEUED' AND m.next_attempt_at <= ?1
                  AND NOT EXISTS (SELECT 1 FROM transnational_message e
                                  WHERE e.conversation_id = m.conversation_id AND e.state = 'QUEUED'
                                    AND e.direction = 'OUT' AND e.created_at < m.created_at)
                ORDER BY m.next_attempt_at
                LIMIT ?2
                FOR UPDATE SKIP LOCKED""", TransnationalMessage.class)
                .setParameter(1, now).setParameter(2, limit).getResultList();
    }

    /** Sent messages whose delivery is not yet confirmed by a receipt. */
    public List<TransnationalMessage> awaitingReceipt(int limit) {
        return find("direction = ?1 and state in ?2", Sort.by("createdAt"), TransnationalMessage.Direction.OUT,
                List.of(TransnationalMessage.State.SENT, TransnationalMessage.State.DELIVERED)).page(0, limit).list();
    }
}
