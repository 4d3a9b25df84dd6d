package org.trm.model.payload;

import java.time.Instant;
import java.util.UUID;

/**
 * Body of a RECEIPT: which message arrived, the SHA-256 of its JWS exactly as received, and when.
 * Signed by the recipient node, it is the sender's proof of receipt.
 */
public record Receipt(int v, UUID messageId, String sha256, Instant receivedAt) {
}
