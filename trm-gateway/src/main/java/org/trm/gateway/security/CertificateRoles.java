package org.trm.gateway.security;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.credential.CertificateCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.trm.gateway.GatewayConfig;
import org.trm.model.identity.CertificateIdentity;

/**
 * Gives each caller its {@link Roles role} once, from the client certificate the TLS layer has
 * verified against the federation CA, and keeps the certificate's {@link CertificateIdentity} on
 * the security identity for the border check. A caller's country is never taken from what it sends.
 */
@ApplicationScoped
public class CertificateRoles implements SecurityIdentityAugmentor {
    private static final String CALLER = CertificateIdentity.class.getName();

    @Inject
    GatewayConfig config;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        CertificateCredential credential = identity.getCredential(CertificateCredential.class);
        if (identity.isAnonymous() || credential == null || credential.getCertificate() == null) {
            return Uni.createFrom().item(identity);
        }
        Optional<CertificateIdentity> caller = CertificateIdentity.of(credential.getCertificate());
        if (caller.isEmpty()) {
            return Uni.createFrom().item(identity);
        }
        QuarkusSecurityIdentity.Builder augmented = QuarkusSecurityIdentity.builder(identity)
                .addAttribute(CALLER, caller.get());
        Roles.of(caller.get(), config.country()).ifPresent(augmented::addRole);
        return Uni.createFrom().item(augmented.build());
    }

    /** Who the certificate of the request speaks for, if it names a role and a country. */
    public static Optional<CertificateIdentity> callerOf(SecurityIdentity identity) {
        return Optional.ofNullable(identity.<CertificateIdentity>getAttribute(CALLER));
    }

    /** Who the certificate speaks for; asked by endpoints that granted it a role, so it names one. */
    public static CertificateIdentity caller(SecurityIdentity identity) {
        return callerOf(identity).orElseThrow(ForbiddenException::new);
    }
}
