package org.trm.nrm.consent;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.trm.nrm.support.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trm.nrm.support.Api;
import org.trm.nrm.support.TestTokens;

@QuarkusTest
class ConsentTest {
    String org;
    String token;

    @BeforeEach
    void organisation() {
        org = Api.newOrganisation("NGO");
        token = TestTokens.caseWorker(org);
    }

    @Test
    void shouldRecordAndWithdrawConsentWhenVictimDecides() {
        String id = Api.createCaseId(org);
        String cid = as(token).body(Map.of("scope", "SHARE_WITH_COUNTRY", "country", "RO", "givenBy", "VICTIM",
                "interpreter", "Romanian interpreter", "language", "ro")).post(consents(id)).then().statusCode(201)
                .body("valid", equalTo(true)).body("recordedBy", equalTo("worker@" + org)).extract().path("id");
        as(token).post(consents(id) + "/" + cid + "/withdraw").then().statusCode(200).body("valid", equalTo(false));
        as(token).get(consents(id)).then().statusCode(200).body("valid", equalTo(List.of(false)))
                .body("country", equalTo(List.of("RO")));
        as(token).get("/api/v1/cases/" + id + "/events").then()
                .body("findAll { it.type.startsWith('CONSENT') }.detail",
                        equalTo(List.of("SHARE_WITH_COUNTRY RO", "SHARE_WITH_COUNTRY RO")));
    }

    @Test
    void shouldRequireGuardianWhenVictimIsAChild() {
        var body = Api.caseBody();
        body.put("ageAtIdentification", 15);
        String id = as(token).body(body).post("/api/v1/cases").then().statusCode(201).extract().path("id");
        as(token).body(Map.of("scope", "DATA_PROCESSING", "givenBy", "VICTIM")).post(consents(id)).then()
                .statusCode(400).body("type", equalTo("urn:trm:problem:validation-failed"));
        as(token).body(Map.of("scope", "DATA_PROCESSING", "givenBy", "GUARDIAN", "guardian", "appointed guardian"))
                .post(consents(id)).then().statusCode(201).body("guardian", equalTo("appointed guardian"));
    }

    @Test
    void shouldRefuseConsentWhenCountryDoesNotFitScope() {
        String id = Api.createCaseId(org);
        as(token).body(Map.of("scope", "SHARE_WITH_COUNTRY", "givenBy", "VICTIM")).post(consents(id)).then()
                .statusCode(400).body("type", equalTo("urn:trm:problem:validation-failed"));
        as(token).body(Map.of("scope", "RETURN", "country", "RO", "givenBy", "VICTIM")).post(consents(id)).then()
                .statusCode(400);
        as(token).body(Map.of("scope", "EVERYTHING", "givenBy", "VICTIM")).post(consents(id)).then()
                .statusCode(400).body("type", equalTo("urn:trm:problem:invalid-value"));
        as(token).get(consents(id)).then().statusCode(200).body("$", empty());
    }

    private static String consents(String id) {
        return "/api/v1/cases/" + id + "/consents";
    }
}
