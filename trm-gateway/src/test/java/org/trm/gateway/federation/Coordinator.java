package org.trm.gateway.federation;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A country's national coordinator at its node's public REST API, with a real token from the
 * country's Keycloak realm (password grant of the demo user). Tokens live five minutes, so a new one
 * is fetched well before that.
 */
final class Coordinator {
    /** The demo realms' password for every demo user (deploy/keycloak); a throw-away local value. */
    private static final String DEMO_PASSWORD = "demo-only-change-me";
    private static final Duration TOKEN_REUSE = Duration.ofMinutes(3);

    final String country;
    private final String nodeUrl;
    private final String realmUrl;
    private String token;
    private Instant tokenAt = Instant.EPOCH;

    Coordinator(String country, String nodeUrl, String realmUrl) {
        this.country = country;
        this.nodeUrl = nodeUrl;
        this.realmUrl = realmUrl;
    }

    RequestSpecification api() {
        return given().baseUri(nodeUrl).auth().oauth2(token()).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** Opens a presumed victim's case and returns its id. */
    String createCase(String citizenship) {
        return api().body(Map.of("identificationStatus", "PRESUMED", "formsOfExploitation", List.of("Labour"),
                        "citizenship", citizenship, "countryOfExploitation", country, "sex", "Female",
                        "ageAtIdentification", 24))
                .post("/api/v1/cases")
                .then().statusCode(201).contentType(ContentType.JSON)
                .extract().path("id");
    }

    /** Records a consent and returns its id; {@code shareWith} is null for scopes other than SHARE_WITH_COUNTRY. */
    String consent(String caseId, String scope, String shareWith) {
        Map<String, Object> body = shareWith == null
                ? Map.of("scope", scope, "givenBy", "VICTIM", "language", "bg")
                : Map.of("scope", scope, "country", shareWith, "givenBy", "VICTIM", "language", "bg");
        return api().body(body).post("/api/v1/cases/{id}/consents", caseId)
                .then().statusCode(201).extract().path("id");
    }

    /** The conversation as this node shows it, or null while this node does not know it. */
    JsonPath conversation(String conversationId) {
        var response = api().get("/api/v1/referrals/{id}", conversationId);
        if (response.statusCode() == 401) {
            // Polls span restarts; a node that restarted may meet a realm whose keys were re-created
            // meanwhile. A fresh token is asked for once; a second refusal fails below.
            token = null;
            response = api().get("/api/v1/referrals/{id}", conversationId);
        }
        if (response.statusCode() == 404) {
            return null;
        }
        response.then().statusCode(200).contentType(ContentType.JSON);
        return response.jsonPath();
    }

    /** Posts a message into a conversation and returns its message id. */
    String send(String conversationId, Map<String, Object> message) {
        return api().body(message).post("/api/v1/referrals/{id}/messages", conversationId)
                .then().statusCode(202).extract().path("messageId");
    }

    private String token() {
        if (token == null || Instant.now().isAfter(tokenAt.plus(TOKEN_REUSE))) {
            token = given().baseUri(realmUrl).contentType(ContentType.URLENC)
                    .formParam("grant_type", "password").formParam("client_id", "nrm-web")
                    .formParam("username", "coordinator").formParam("password", DEMO_PASSWORD)
                    .post("/protocol/openid-connect/token")
                    .then().statusCode(200).extract().path("access_token");
            tokenAt = Instant.now();
        }
        return token;
    }
}
