package org.trm.gateway.security;

import java.util.Optional;
import org.trm.model.identity.CertificateIdentity;

/**
 * The roles a verified client certificate maps to ({@link CertificateRoles}), as the endpoints
 * declare them with {@code @RolesAllowed}: a role names both what the certificate is and whose
 * it is, so that no endpoint compares countries by hand. Any other certificate has no role.
 */
public final class Roles {
    /** The node ({@code OU=node}) of this gateway's country. */
    public static final String OWN_NODE = "own-node";
    /** The gateway operator ({@code OU=operator}) of this gateway's country. */
    public static final String OWN_OPERATOR = "own-operator";
    /**
     * The gateway ({@code OU=gateway}) of another country. Whether it may speak for an envelope's
     * {@code from} is the border check's: its country must be that {@code from}.
     */
    public static final String PEER_GATEWAY = "peer-gateway";

    private Roles() {
    }

    /** The role of a certificate's identity on the gateway of {@code ownCountry}, if it has one. */
    public static Optional<String> of(CertificateIdentity caller, String ownCountry) {
        boolean own = caller.country().equals(ownCountry);
        return switch (caller.role()) {
            case CertificateIdentity.NODE -> own ? Optional.of(OWN_NODE) : Optional.empty();
            case CertificateIdentity.OPERATOR -> own ? Optional.of(OWN_OPERATOR) : Optional.empty();
            case CertificateIdentity.GATEWAY -> own ? Optional.empty() : Optional.of(PEER_GATEWAY);
            default -> Optional.empty();
        };
    }

    /** The certificate role ({@code OU}) a gateway role is granted to. */
    public static String certificateRole(String role) {
        return switch (role) {
            case OWN_NODE -> CertificateIdentity.NODE;
            case OWN_OPERATOR -> CertificateIdentity.OPERATOR;
            case PEER_GATEWAY -> CertificateIdentity.GATEWAY;
            default -> role;
        };
    }
}
