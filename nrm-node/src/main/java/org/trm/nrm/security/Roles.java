package org.trm.nrm.security;

/** Keycloak realm roles, as they arrive in the token's {@code groups} claim. */
public final class Roles {
    /** All cases of the country and transnational referrals. */
    public static final String COORDINATOR = "nrm-coordinator";
    /** Cases of their own organisation. */
    public static final String CASE_WORKER = "case-worker";
    /** Notifies presumed victims; sees only the cases and services referred to its organisation. */
    public static final String NGO = "ngo-partner";
    /** Audit trail and statistics; never personal data. */
    public static final String AUDITOR = "auditor";
    /** Organisations and configuration. */
    public static final String NODE_ADMIN = "node-admin";
    /**
     * This country's gateway, delivering to the inbox: given by its TLS client certificate
     * ({@link GatewayCertificate}), never by a token.
     */
    public static final String FEDERATION_GATEWAY = "federation-gateway";

    private Roles() {
    }
}
