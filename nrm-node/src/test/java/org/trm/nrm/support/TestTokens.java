package org.trm.nrm.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Set;
import org.trm.nrm.security.Roles;

/** Bearer tokens as the country's Keycloak issues them, signed with the test key (or deliberately not). */
public final class TestTokens {
    public static final String ISSUER = "https://test.trm.local/realms/nrm-at";

    private TestTokens() {
    }

    public static String coordinator() {
        return token("coordinator", Roles.COORDINATOR, "at-nrm-office");
    }

    public static String caseWorker(String org) {
        return token("worker@" + org, Roles.CASE_WORKER, org);
    }

    public static String ngo(String org) {
        return token("ngo@" + org, Roles.NGO, org);
    }

    public static String auditor() {
        return token("auditor", Roles.AUDITOR, null);
    }

    public static String admin() {
        return token("admin", Roles.NODE_ADMIN, null);
    }

    public static String token(String user, String role, String org) {
        return claims(user, role, org).sign();
    }

    public static String expired() {
        Instant past = Instant.now().minusSeconds(3600);
        return claims("coordinator", Roles.COORDINATOR, null).issuedAt(past).expiresAt(past.plusSeconds(300)).sign();
    }

    public static String wrongIssuer() {
        return claims("coordinator", Roles.COORDINATOR, null).issuer("https://evil.example/realms/nrm-at").sign();
    }

    public static String wrongAudience() {
        return claims("coordinator", Roles.COORDINATOR, null).audience("trm-gateway").sign();
    }

    /** Right claims, signed with a key the node does not trust. */
    public static String forged() {
        try {
            PrivateKey key = KeyUtils.readPrivateKey("jwt/forgedKey.pem");
            return claims("coordinator", Roles.COORDINATOR, null).sign(key);
        } catch (Exception e) {
            throw new IllegalStateException("test key missing", e);
        }
    }

    private static JwtClaimsBuilder claims(String user, String role, String org) {
        JwtClaimsBuilder b = Jwt.issuer(ISSUER).audience("nrm-node").upn(user).subject(user).groups(Set.of(role))
                .expiresIn(600);
        return org == null ? b : b.claim("org", org);
    }
}
