package org.trm.model.envelope;

/** Media types of the federation's HTTP exchanges. */
public final class MediaTypes {
    public static final String ENVELOPE_JWS = "application/trm-envelope+jws";
    public static final String PROBLEM_JSON = "application/problem+json";
    /** Several envelopes in one request between gateways: an {@link EnvelopeBatch}. */
    public static final String ENVELOPE_BATCH = "application/trm-envelope-batch+json";
    /** A node's signed audit checkpoint to its own gateway (org.trm.model.anchor.AuditCheckpoint). */
    public static final String AUDIT_CHECKPOINT_JWS = "application/trm-audit-checkpoint+jws";
    /** A node's signed follow-up report of an agreement (org.trm.model.followup.FollowUpReport). */
    public static final String FOLLOW_UP_JWS = "application/trm-follow-up+jws";

    private MediaTypes() {
    }

    /**
     * Whether a {@code Content-Type} names {@code expected} exactly: type and subtype equal (ignoring
     * case, as RFC 9110 says), parameters such as {@code charset} allowed. Not a prefix: a type that
     * merely starts with {@code expected} is another type.
     */
    public static boolean is(String contentType, String expected) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String essence = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return essence.equalsIgnoreCase(expected);
    }

    /** Whether {@code contentType} is exactly one of {@code expected} ({@link #is}). */
    public static boolean isOneOf(String contentType, String... expected) {
        for (String e : expected) {
            if (is(contentType, e)) {
                return true;
            }
        }
        return false;
    }
}
