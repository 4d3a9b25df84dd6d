package org.trm.testkit.token;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.trm.model.json.Json;

/**
 * A demo user's bearer token from a country's Keycloak realm (deploy/keycloak), by the password
 * grant of the realm's web client, as the console gets one. Tokens live five minutes, so one is
 * reused for three and then fetched anew.
 */
public final class RealmLogin {
    /** The demo realms' password for every demo user (deploy/keycloak); a throw-away local value. */
    public static final String DEMO_PASSWORD = "demo-only-change-me";
    private static final Duration REUSE = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String realmUrl;
    private final String user;
    private String token;
    private Instant fetchedAt = Instant.EPOCH;

    private RealmLogin(String realmUrl, String user) {
        this.realmUrl = realmUrl;
        this.user = user;
    }

    /** The national coordinator of the realm at {@code realmUrl} (e.g. http://127.0.0.1:8180/realms/nrm-at). */
    public static RealmLogin coordinator(String realmUrl) {
        return user(realmUrl, "coordinator");
    }

    /** Any demo user of the realm (coordinator, caseworker, ngo, auditor, admin). */
    public static RealmLogin user(String realmUrl, String user) {
        return new RealmLogin(realmUrl, user);
    }

    /** The current token; a new one when none was fetched yet, the last was forgotten or is about to expire. */
    public synchronized String token() {
        if (token == null || Instant.now().isAfter(fetchedAt.plus(REUSE))) {
            token = fetch();
            fetchedAt = Instant.now();
        }
        return token;
    }

    /** Makes the next {@link #token()} fetch a new one, e.g. after a 401 from a node whose realm keys changed. */
    public synchronized void forget() {
        token = null;
    }

    private String fetch() {
        JsonNode accessToken = passwordGrant(realmUrl, "nrm-web", user, null).get("access_token");
        if (accessToken == null || !accessToken.isTextual()) {
            throw new IllegalStateException("no access_token from " + realmUrl);
        }
        return accessToken.asText();
    }

    /**
     * The realm's whole answer to a demo user's password grant at {@code clientId} with {@code scope} (null: the client's default):
     * access, refresh and (with scope openid) ID token, for tests that need more than the access token.
     */
    public static JsonNode passwordGrant(String realmUrl, String clientId, String user, String scope) {
        URI tokenEndpoint = URI.create(realmUrl + "/protocol/openid-connect/token");
        String form = "grant_type=password&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(DEMO_PASSWORD, StandardCharsets.UTF_8)
                + (scope == null ? "" : "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("no answer from " + tokenEndpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(tokenEndpoint + " answered " + response.statusCode() + " to the password grant");
        }
        return Json.read(response.body(), JsonNode.class);
    }
}
