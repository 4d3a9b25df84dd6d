package org.trm.gateway.relay;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** What a sender, its node or an operator may know about a message: its header and delivery state, never its body. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageStatus(UUID messageId, String type, String from, String to, Direction direction,
        MessageState state, String sha256, Instant acceptedAt, Instant forwardedAt, Instant deliveredAt,
        Instant receiptedAt, Instant deadAt, int attempts, Instant nextAttemptAt, Instant expiresAt,
        String lastError, UUID receiptMessageId, boolean bodyPurged) {

    static MessageStatus of(Message m) {
        return new MessageStatus(m.messageId, m.type, m.fromCountry, m.toCountry, m.direction, m.state, m.sha256,
                m.acceptedAt, m.forwardedAt, m.deliveredAt, m.receiptedAt, m.deadAt, m.attempts,
                m.state == MessageState.ACCEPTED ? m.nextAttemptAt : null, m.expiresAt, m.lastError,
                m.receiptMessageId, m.jws == null);
    }
}
