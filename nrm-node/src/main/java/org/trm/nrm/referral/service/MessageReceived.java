package org.trm.nrm.referral.service;

import java.time.Instant;
import java.util.UUID;
import org.trm.model.code.MessageType;

/**
 * A message from a partner taken by the inbox, fired in the transaction that stores it, so that a
 * feature that waits for one (follow-ups after a return) notes it exactly when it is taken, and a
 * refusal takes it back too. {@code caseId} is the local case, null when none is linked yet.
 */
public record MessageReceived(UUID conversationId, UUID caseId, MessageType type, UUID messageId, String partner,
        Object payload, Instant receivedAt) {
}
