package org.trm.nrm.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.trm.nrm.security.Roles;

/** Calls of the API that tests share, each as the caller given. */
public final class Api {
    private Api() {
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A fresh organisation id, so that test classes do not see each other's cases. */
    public static String newOrganisation(String type) {
        String id = "org-" + UUID.randomUUID().toString().substring(0, 8);
        as(TestTokens.admin()).body(Map.of("id", id, "name", "Organisation " + id, "type", type, "country", "AT"))
                .post("/api/v1/organisations").then().statusCode(201);
        return id;
    }

    public static Map<String, Object> caseBody() {
        Map<String, Object> body = new HashMap<>();
        body.put("identificationStatus", "PRESUMED");
        body.put("formsOfExploitation", List.of("Labour"));
        body.put("citizenship", "RO");
        body.put("countryOfOrigin", "RO");
        body.put("countryOfExploitation", "AT");
        body.put("sex", "Female");
        body.put("ageAtIdentification", 27);
        return body;
    }

    /** Creates a case led by {@code org} as a case worker of {@code org}; answers the created case. */
    public static ValidatableResponse createCase(String org) {
        return as(TestTokens.caseWorker(org)).body(caseBody()).post("/api/v1/cases").then().statusCode(201);
    }

    public static String createCaseId(String org) {
        return createCase(org).extract().path("id");
    }

    /** A case of a citizen of {@code country} (also the country of origin) aged {@code age}, created by {@code token}'s caller. */
    public static String createCaseOf(String token, String country, int age) {
        Map<String, Object> body = new HashMap<>(caseBody());
        body.put("citizenship", country);
        body.put("countryOfOrigin", country);
        body.put("ageAtIdentification", age);
        return as(token).body(body).post("/api/v1/cases").then().statusCode(201).extract().path("id");
    }

    /** Records the victim's consent to be referred to service providers, as {@code token}'s caller. */
    public static void serviceReferralConsent(String token, String caseId) {
        as(token).body(Map.of("scope", "SERVICE_REFERRAL", "givenBy", "VICTIM", "language", "ro"))
                .post("/api/v1/cases/" + caseId + "/consents").then().statusCode(201);
    }

    public static String coordinatorToken() {
        return TestTokens.token("coordinator", Roles.COORDINATOR, null);
    }
}
