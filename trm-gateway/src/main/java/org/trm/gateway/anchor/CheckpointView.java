package org.trm.gateway.anchor;

import java.time.Instant;

/**
 * A stored checkpoint as the node and the operator read it: the signed JWS, which a reader verifies
 * itself, and what it says, with when this gateway received it.
 */
public record CheckpointView(long seq, String hash, String country, Instant issuedAt, String kid, Instant receivedAt,
        String jws) {

    static CheckpointView of(AnchoredCheckpoint a) {
        return new CheckpointView(a.seq, a.hash, a.country, a.issuedAt, a.signingKid, a.receivedAt, a.jws);
    }
}
