package org.trm.gateway.tls;

import io.quarkus.security.credential.CertificateCredential;
import io.quarkus.security.identity.SecurityIdentity;
import java.security.cert.X509Certificate;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.trm.gateway.problem.GatewayError;
import org.trm.gateway.problem.GatewayException;

/**
 * Who is calling, read from the client certificate the TLS layer has already verified against the
 * federation CA: its role ({@code OU}: gateway, node or operator) and its country ({@code C}).
 * A caller's country is never taken from what it sends.
 */
public record Caller(String role, String country) {
    public static final String GATEWAY = "gateway";
    public static final String NODE = "node";
    public static final String OPERATOR = "operator";

    public static Caller of(SecurityIdentity identity) {
        CertificateCredential credential = identity.getCredential(CertificateCredential.class);
        if (credential == null || credential.getCertificate() == null) {
            throw new GatewayException(GatewayError.UNAUTHENTICATED, "no client certificate");
        }
        return of(credential.getCertificate());
    }

    public static Caller of(X509Certificate certificate) {
        String role = null;
        String country = null;
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if ("OU".equalsIgnoreCase(rdn.getType())) {
                    role = rdn.getValue().toString();
                } else if ("C".equalsIgnoreCase(rdn.getType())) {
                    country = rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            throw new GatewayException(GatewayError.CALLER_NOT_ALLOWED, "unreadable certificate subject");
        }
        if (role == null || country == null) {
            throw new GatewayException(GatewayError.CALLER_NOT_ALLOWED, "the certificate names no role or country");
        }
        return new Caller(role, country);
    }

    /** Refuses the call unless the certificate is of {@code role} and {@code requiredCountry}. */
    public Caller require(String requiredRole, String requiredCountry) {
        if (!role.equals(requiredRole) || !country.equals(requiredCountry)) {
            throw new GatewayException(GatewayError.CALLER_NOT_ALLOWED,
                    "a " + role + " certificate of " + country + " may not call this endpoint");
        }
        return this;
    }
}
