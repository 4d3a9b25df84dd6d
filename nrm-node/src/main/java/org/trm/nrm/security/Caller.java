package org.trm.nrm.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: name, roles and organisation, as the verified token states them. */
@RequestScoped
public class Caller {
    /** Claim holding the id of the caller's organisation (an organisation id of this node). */
    public static final String ORG_CLAIM = "org";

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public boolean is(String role) {
        return identity.hasRole(role);
    }

    public Optional<String> organisation() {
        // Only a user's token names an organisation; the own gateway calls with its certificate.
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken)) {
            return Optional.empty();
        }
        Object org = token.getClaim(ORG_CLAIM);
        return org == null || org.toString().isBlank() ? Optional.empty() : Optional.of(org.toString());
    }

    /** True when the caller sees every case of the country rather than those of its organisation. */
    public boolean seesAllCases() {
        return is(Roles.COORDINATOR);
    }

    /**
     * True when the caller reads every case: a coordinator, and an auditor, whose endpoints (case
     * metadata, timelines, transnational threads, audit, statistics) show no personal data.
     */
    public boolean readsAllCases() {
        return seesAllCases() || is(Roles.AUDITOR);
    }
}
