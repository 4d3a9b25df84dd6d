package org.trm.systemtest.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.trm.model.json.Json;
import org.trm.testkit.token.RealmLogin;
import org.trm.testkit.token.TokenMinter;

/**
 * Bearer tokens a node must refuse (401), made from real ones of the country's Keycloak realm:
 * none at all, garbage, another realm's, expired, an ID or refresh token in place of the access
 * token, and forgeries of the coordinator's token (alg none, HS256 keyed with the realm's public
 * key, a changed claim, a signature cut or borrowed, a rogue key under the realm's kid).
 */
final class ForgedTokens {
    /** The name of the expired token's cases: they run once its lifetime and the node's clock skew are over. */
    static final String EXPIRED = "an expired token";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private ForgedTokens() {
    }

    /** Name → Authorization header value (null: no header). */
    static Map<String, String> of(String realmUrl, String foreignRealmUrl, String expired) throws Exception {
        JsonNode grant = RealmLogin.passwordGrant(realmUrl, "nrm-web", "coordinator", "openid");
        String access = grant.get("access_token").asText();
        String[] p = access.split("\\.");
        Map<String, String> t = new LinkedHashMap<>();
        t.put("no Authorization header", null);
        t.put("an empty bearer", "Bearer");
        t.put("a garbage bearer", "Bearer not-a-token");
        t.put("Basic credentials", "Basic " + Base64.getEncoder().encodeToString(
                ("coordinator:" + RealmLogin.DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        t.put("a real token under the scheme Token", "Token " + access);
        t.put("a token of another country's realm", "Bearer " + RealmLogin.coordinator(foreignRealmUrl).token());
        t.put(EXPIRED, "Bearer " + expired);
        t.put("an ID token (audience nrm-web, not nrm-node)", "Bearer " + grant.get("id_token").asText());
        t.put("a refresh token", "Bearer " + grant.get("refresh_token").asText());

        ObjectNode header = (ObjectNode) Json.read(new String(B64D.decode(p[0]), StandardCharsets.UTF_8), JsonNode.class);
        String kid = header.path("kid").asText();
        t.put("alg none, no signature", "Bearer " + b64(Map.of("alg", "none", "typ", "JWT")) + "." + p[1] + ".");
        t.put("alg none, the original signature", "Bearer " + b64(Map.of("alg", "none", "typ", "JWT", "kid", kid)) + "." + p[1] + "." + p[2]);
        PublicKey realmKey = realmPublicKey(realmUrl, kid);
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(realmKey.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        t.put("HS256 keyed with the realm's public key (PEM)", "Bearer " + hmac(kid, p[1], pem.getBytes(StandardCharsets.US_ASCII)));
        t.put("HS256 keyed with the realm's public key (DER)", "Bearer " + hmac(kid, p[1], realmKey.getEncoded()));

        ObjectNode claims = (ObjectNode) Json.read(new String(B64D.decode(p[1]), StandardCharsets.UTF_8), JsonNode.class);
        ObjectNode escalated = claims.deepCopy();
        escalated.putArray("groups").add("node-admin").add("auditor").add("nrm-coordinator");
        t.put("the coordinator's token with more roles, signature unchanged", "Bearer " + p[0] + "." + b64(escalated) + "." + p[2]);
        ObjectNode otherAudience = claims.deepCopy();
        otherAudience.put("aud", "account");
        t.put("the coordinator's token with another audience, signature unchanged", "Bearer " + p[0] + "." + b64(otherAudience) + "." + p[2]);
        t.put("the signature cut short", "Bearer " + access.substring(0, access.length() - 12));
        String admin = RealmLogin.user(realmUrl, "admin").token();
        t.put("the signature of another user's token", "Bearer " + p[0] + "." + p[1] + "." + admin.split("\\.")[2]);
        t.put("signed by a rogue RSA key under the realm's kid", "Bearer " + rogueSigned(header, escalated));
        return t;
    }

    private static PublicKey realmPublicKey(String realmUrl, String kid) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(realmUrl + "/protocol/openid-connect/certs")).build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode key : Json.read(r.body(), JsonNode.class).path("keys")) {
            if (kid.equals(key.path("kid").asText())) {
                byte[] der = Base64.getDecoder().decode(key.path("x5c").get(0).asText());
                return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
            }
        }
        throw new IllegalStateException("no key " + kid + " at " + realmUrl);
    }

    private static String hmac(String kid, String payload, byte[] secret) throws Exception {
        String input = b64(Map.of("alg", "HS256", "typ", "JWT", "kid", kid)) + "." + payload;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String rogueSigned(JsonNode header, JsonNode claims) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return TokenMinter.rs256(header, claims, g.generateKeyPair().getPrivate());
    }

    private static String b64(Object json) {
        return B64.encodeToString(Json.write(json).getBytes(StandardCharsets.UTF_8));
    }
}
