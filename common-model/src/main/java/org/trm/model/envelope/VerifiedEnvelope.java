package org.trm.model.envelope;

/** An envelope whose signature, key and expiry were checked; {@code sha256} is of the JWS as received. */
public record VerifiedEnvelope(Envelope envelope, String jws, String sha256, String kid) {
}
