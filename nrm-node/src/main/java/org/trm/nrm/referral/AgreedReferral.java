package org.trm.nrm.referral;

import java.time.Instant;
import java.util.UUID;
import org.trm.model.status.Direction;

/**
 * A referral this node sent or received under an agreement, as the follow-up counts it: the
 * revision it travelled under, when it went (sent) or came (received), what became of the message
 * and of the conversation it opened, and the answer if there is one.
 */
public record AgreedReferral(UUID conversationId, UUID messageId, Integer revision, Direction direction,
        String partner, Instant at, TransnationalMessage.State state, Conversation.Status status,
        Conversation.Answer answer, Instant answeredAt) {
}
