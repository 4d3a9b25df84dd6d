package org.trm.model.envelope;

/** Media types of the federation's HTTP exchanges. */
public final class MediaTypes {
    public static final String ENVELOPE_JWS = "application/trm-envelope+jws";
    public static final String PROBLEM_JSON = "application/problem+json";
    /** Several envelopes in one request between gateways: an {@link EnvelopeBatch}. */
    public static final String ENVELOPE_BATCH = "application/trm-envelope-batch+json";
    /** A node's signed audit checkpoint to its own gateway (org.trm.model.anchor.AuditCheckpoint). */
    public static final String AUDIT_CHECKPOINT_JWS = "application/trm-audit-checkpoint+jws";

    private MediaTypes() {
    }
}
