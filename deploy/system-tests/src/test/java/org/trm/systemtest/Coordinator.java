package org.trm.systemtest;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.trm.testkit.token.RealmLogin;

/**
 * A country's national coordinator at its node's public REST API, with a real token from the
 * country's Keycloak realm (password grant of the demo user).
 */
final class Coordinator {
    final String country;
    private final String nodeUrl;
    private final RealmLogin login;

    Coordinator(String country, String nodeUrl, String realmUrl) {
        this.country = country;
        this.nodeUrl = nodeUrl;
        this.login = RealmLogin.coordinator(realmUrl);
    }

    RequestSpecification api() {
        return given().baseUri(nodeUrl).auth().oauth2(login.token()).contentType(ContentType.JSON).accept(ContentType.JSON);
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

    /**
     * Opens a case of a citizen of {@code to}, records the victim's consent to share it with
     * {@code to} and refers it there, without personal data; answers the queued referral
     * ({@code conversationId}, {@code messageId}).
     */
    JsonPath referNewCase(String to) {
        String caseId = createCase(to);
        consent(caseId, "SHARE_WITH_COUNTRY", to);
        return api().body(Map.of("to", to, "reason", "AdditionalServicesRequired",
                        "details", "needs shelter and psychological support", "includePersonalData", false))
                .post("/api/v1/cases/{id}/referrals", caseId).then().statusCode(202).extract().jsonPath();
    }

    /** The conversation as this node shows it, or null while this node does not know it. */
    JsonPath conversation(String conversationId) {
        var response = api().get("/api/v1/referrals/{id}", conversationId);
        if (response.statusCode() == 401) {
            // Polls span restarts; a node that restarted may meet a realm whose keys were re-created
            // meanwhile. A fresh token is asked for once; a second refusal fails below.
            login.forget();
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
}
