package org.trm.nrm.keycloak;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The Keycloak that deploy/keycloak/start.sh runs on 127.0.0.1:8180, with the realms of
 * deploy/keycloak/nrm-*.json: token requests as a user or an integration makes them, and the admin
 * calls a key rotation needs. Passwords and secrets are the exports' demo values.
 */
final class LocalKeycloak {
    static final String BASE = "http://127.0.0.1:8180";
    static final String DEMO_SECRET = "demo-only-change-me";

    private LocalKeycloak() {
    }

    static String issuer(String realm) {
        return BASE + "/realms/" + realm;
    }

    static String jwks(String realm) {
        return issuer(realm) + "/protocol/openid-connect/certs";
    }

    /** Fails (never skips) when Keycloak is down: CI starts it, so its absence is a broken build. */
    static void requireRunning() {
        try {
            given().get(issuer("nrm-at") + "/.well-known/openid-configuration").then().statusCode(200);
        } catch (Exception | AssertionError e) {
            fail("No Keycloak with realm nrm-at on " + BASE + ": run deploy/keycloak/start.sh first (" + e + ")");
        }
    }

    /** Resource owner password grant: a demo convenience of the realm's user clients. */
    static String passwordToken(String realm, String client, String user) {
        return token(realm, Map.of("grant_type", "password", "client_id", client, "username", user,
                "password", DEMO_SECRET));
    }

    /** Client credentials grant, as a partner NGO's system gets its token. */
    static String clientToken(String realm, String client, String secret) {
        return token(realm, Map.of("grant_type", "client_credentials", "client_id", client, "client_secret", secret));
    }

    /** The decoded payload (or header) of a compact JWS, to state what Keycloak put in the token. */
    static String part(String jwt, int index) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8);
    }

    /** Adds an RSA signing key that outranks the realm's current one, as an operator rotating keys does. */
    static String addSigningKey(String realm) {
        String admin = adminToken();
        String realmId = given().auth().oauth2(admin).get(BASE + "/admin/realms/" + realm)
                .then().statusCode(200).extract().path("id");
        Map<String, Object> component = Map.of(
                "name", "rotated-" + System.currentTimeMillis(),
                "providerId", "rsa-generated",
                "providerType", "org.keycloak.keys.KeyProvider",
                "parentId", realmId,
                "config", Map.of("priority", List.of("1000"), "enabled", List.of("true"), "active", List.of("true"),
                        "algorithm", List.of("RS256"), "keySize", List.of("2048")));
        String location = given().auth().oauth2(admin).contentType(ContentType.JSON).body(component)
                .post(BASE + "/admin/realms/" + realm + "/components")
                .then().statusCode(201).extract().header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** The kid of the key a key provider holds. */
    static String kidOf(String realm, String componentId) {
        List<Map<String, Object>> keys = given().auth().oauth2(adminToken()).get(BASE + "/admin/realms/" + realm + "/keys")
                .then().statusCode(200).extract().path("keys");
        return keys.stream().filter(k -> componentId.equals(k.get("providerId"))).map(k -> (String) k.get("kid"))
                .findFirst().orElseThrow(() -> new AssertionError("no key of provider " + componentId));
    }

    static void removeComponent(String realm, String componentId) {
        given().auth().oauth2(adminToken()).delete(BASE + "/admin/realms/" + realm + "/components/" + componentId)
                .then().statusCode(204);
    }

    /** The master realm's bootstrap admin, as start.sh created it (same environment variables). */
    private static String adminToken() {
        String user = System.getenv().getOrDefault("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        String password = System.getenv().getOrDefault("KC_BOOTSTRAP_ADMIN_PASSWORD", DEMO_SECRET);
        return token("master", Map.of("grant_type", "password", "client_id", "admin-cli", "username", user,
                "password", password));
    }

    private static String token(String realm, Map<String, String> form) {
        return given().contentType(ContentType.URLENC).formParams(form)
                .post(issuer(realm) + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }
}
