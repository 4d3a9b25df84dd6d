package org.trm.model.identity;

import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Who a federation certificate speaks for: its role ({@code OU}: gateway, node or operator) and its
 * country ({@code C}), as issued by the federation CA (DESIGN.md section 2). A peer's country is
 * read from its certificate, never from what it sends; the TLS layer has verified the chain first.
 */
public record CertificateIdentity(String role, String country) {
    public static final String GATEWAY = "gateway";
    public static final String NODE = "node";
    public static final String OPERATOR = "operator";

    /** The identity a certificate names, or empty if its subject has no single role and country. */
    public static Optional<CertificateIdentity> of(X509Certificate certificate) {
        String role = null;
        String country = null;
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                String value = rdn.getValue().toString();
                if ("OU".equalsIgnoreCase(rdn.getType())) {
                    if (role != null) {
                        return Optional.empty();
                    }
                    role = value;
                } else if ("C".equalsIgnoreCase(rdn.getType())) {
                    if (country != null) {
                        return Optional.empty();
                    }
                    country = value.toUpperCase(Locale.ROOT);
                }
            }
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return role == null || country == null ? Optional.empty() : Optional.of(new CertificateIdentity(role, country));
    }

    /** Whether this is the certificate of {@code role} for {@code country}. */
    public boolean is(String role, String country) {
        return this.role.equals(role) && this.country.equals(country);
    }
}
