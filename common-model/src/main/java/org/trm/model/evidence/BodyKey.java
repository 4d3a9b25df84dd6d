package org.trm.model.evidence;

import java.util.UUID;

/**
 * The disclosed content encryption key (base64url) of the body of envelope {@code messageId}: a
 * receipt addressed to the node that made the bundle, whose body only that node could open. With
 * it, anyone can read what the receipt's signer encrypted, and check its hash against the message.
 */
public record BodyKey(int v, UUID messageId, String contentKey) {
    public static final int VERSION = 1;
}
