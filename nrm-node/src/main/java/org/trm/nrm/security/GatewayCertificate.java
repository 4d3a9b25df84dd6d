package org.trm.nrm.security;

import io.quarkus.security.credential.CertificateCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.trm.model.identity.CertificateIdentity;
import org.trm.nrm.NrmConfig;

/**
 * Gives the caller whose TLS client certificate is this country's gateway ({@code OU=gateway},
 * {@code C=} the node's country) the role {@link Roles#FEDERATION_GATEWAY}. The TLS layer has
 * verified the chain against the federation CA; who the certificate speaks for is read from it
 * here, once, and the endpoints declare the role they need.
 */
@ApplicationScoped
public class GatewayCertificate implements SecurityIdentityAugmentor {

    @Inject
    NrmConfig config;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        CertificateCredential credential = identity.getCredential(CertificateCredential.class);
        if (credential == null || credential.getCertificate() == null
                || !CertificateIdentity.of(credential.getCertificate())
                        .filter(c -> c.is(CertificateIdentity.GATEWAY, config.country())).isPresent()) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .addRole(Roles.FEDERATION_GATEWAY).build());
    }
}
