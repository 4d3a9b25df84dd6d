package org.trm.model.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * What a sender, its node or an operator may know about a message on a gateway
 * ({@code GET /local/v1/envelopes/{messageId}}): its header and delivery state, never its body.
 * {@code agreement} and {@code agreementRevision} name the agreement revision the message travelled
 * under, as this gateway's border check found it in force (absent for a signal within one country).
 * Unknown fields are ignored when read, so that a gateway may add some without breaking nodes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageStatus(UUID messageId, String type, String from, String to, Direction direction,
        MessageState state, String sha256, Instant acceptedAt, Instant forwardedAt, Instant deliveredAt,
        Instant receiptedAt, Instant deadAt, int attempts, Instant nextAttemptAt, Instant expiresAt,
        String lastError, UUID receiptMessageId, boolean bodyPurged, String agreement, Integer agreementRevision) {
}
