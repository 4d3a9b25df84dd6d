package org.trm.testkit.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trm.model.json.Json;

/**
 * Bearer tokens for a node that is told to trust a test key (mp.jwt.verify.publickey.location) in
 * place of its Keycloak realm: RS256 JWTs with the claims a realm puts in, for a load generator that
 * needs no Keycloak.
 */
public final class TokenMinter {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey key;
    private final String issuer;

    private TokenMinter(PrivateKey key, String issuer) {
        this.key = key;
        this.issuer = issuer;
    }

    /** Signs with the RSA private key in the PKCS#8 PEM file {@code pem}. */
    public static TokenMinter withKey(Path pem, String issuer) throws IOException, GeneralSecurityException {
        String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        return new TokenMinter(key, issuer);
    }

    /** A token for the node's audience: {@code user} in {@code role} of organisation {@code org}, valid for two hours. */
    public String token(String user, String role, String org) throws GeneralSecurityException {
        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", "nrm-node");
        claims.put("sub", user);
        claims.put("upn", user);
        claims.put("groups", List.of(role));
        claims.put("org", org);
        claims.put("iat", now);
        claims.put("exp", now + 7200);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        return rs256(header, claims, key);
    }

    /** A compact RS256 JWS of any header and claims: also for tokens that a node must refuse. */
    public static String rs256(Object header, Object claims, PrivateKey key) throws GeneralSecurityException {
        String signingInput = b64(header) + "." + b64(claims);
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64.encodeToString(signature.sign());
    }

    private static String b64(Object json) {
        return B64.encodeToString(Json.write(json).getBytes(StandardCharsets.UTF_8));
    }
}
