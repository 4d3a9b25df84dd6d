package org.trm.nrm.person;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.trm.nrm.support.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trm.nrm.support.Api;
import org.trm.nrm.support.TestTokens;

@QuarkusTest
class PersonalDataTest {
    String org;
    String token;

    @BeforeEach
    void organisation() {
        org = Api.newOrganisation("LawEnforcement");
        token = TestTokens.caseWorker(org);
    }

    @Test
    void shouldKeepPersonalDataApartAndAuditEveryAccessWhenRecordedAndRead() {
        String id = Api.createCaseId(org);
        as(token).body(Map.of("givenName", "Ana", "familyName", "Pop", "dateOfBirth", "1998-05-01"))
                .put(personal(id)).then().statusCode(200).header("ETag", "\"0\"").body("givenName", equalTo("Ana"));
        as(token).get(personal(id)).then().statusCode(200).body("familyName", equalTo("Pop"));
        as(token).get("/api/v1/cases/" + id).then().statusCode(200).body("$", not(hasKey("givenName")));
        as(TestTokens.auditor()).queryParam("caseId", id).get("/api/v1/audit").then().statusCode(200)
                .body("items.action", equalTo(List.of("WRITE", "READ")))
                .body("items.resource", equalTo(List.of("personal-data", "personal-data")))
                .body("items[0].actor", equalTo("worker@" + org))
                .body("items[0].organisation", equalTo(org))
                .body("items[1].prevHash", equalTo(as(TestTokens.auditor()).queryParam("caseId", id)
                        .get("/api/v1/audit").then().extract().path("items[0].hash")));
    }

    @Test
    void shouldNeedIfMatchWhenReplacingPersonalData() {
        String id = Api.createCaseId(org);
        as(token).body(Map.of("givenName", "Ana")).put(personal(id)).then().statusCode(200);
        as(token).body(Map.of("givenName", "Anna")).put(personal(id)).then().statusCode(428)
                .body("type", equalTo("urn:trm:problem:if-match-required"));
        as(token).header("If-Match", "\"5\"").body(Map.of("givenName", "Anna")).put(personal(id)).then()
                .statusCode(412);
        as(token).header("If-Match", "\"0\"").body(Map.of("givenName", "Anna")).put(personal(id)).then()
                .statusCode(200).header("ETag", "\"1\"");
    }

    @Test
    void shouldEraseDataButKeepCaseAndHistoryWhenCoordinatorErases() {
        String id = Api.createCaseId(org);
        as(token).body(Map.of("givenName", "Ana")).put(personal(id)).then().statusCode(200);
        as(token).delete(personal(id)).then().statusCode(403).body("type", equalTo("urn:trm:problem:forbidden"));
        as(TestTokens.coordinator()).delete(personal(id)).then().statusCode(204);
        as(token).get(personal(id)).then().statusCode(404);
        as(token).get("/api/v1/cases/" + id).then().statusCode(200).body("personalDataErased", equalTo(true));
        as(token).body(Map.of("givenName", "Ana")).put(personal(id)).then().statusCode(409)
                .body("type", equalTo("urn:trm:problem:personal-data-not-allowed"));
        as(token).get("/api/v1/cases/" + id + "/events").then()
                .body("type", hasItems("PERSONAL_DATA_RECORDED", "PERSONAL_DATA_ERASED"));
        as(TestTokens.auditor()).queryParam("caseId", id).get("/api/v1/audit").then()
                .body("items.action", equalTo(List.of("WRITE", "ERASE")));
    }

    @Test
    void shouldRefusePersonalDataWhenCaseIsAnonymousNotification() {
        Map<String, Object> body = Api.caseBody();
        body.put("anonymous", true);
        String id = as(token).body(body).post("/api/v1/cases").then().statusCode(201)
                .body("anonymous", equalTo(true)).extract().path("id");
        as(token).body(Map.of("givenName", "Ana")).put(personal(id)).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:trm:problem:personal-data-not-allowed"));
        as(TestTokens.auditor()).get("/api/v1/statistics/tables").then().statusCode(200)
                .body("populations.registeredVictims.tables.find { it.dimensions == ['identification'] }.cells.values.flatten()",
                        hasItem("DECLINED"));
    }

    @Test
    void shouldNeverShowPersonalDataWhenCallerIsAuditor() {
        String id = Api.createCaseId(org);
        as(token).body(Map.of("givenName", "Ana")).put(personal(id)).then().statusCode(200);
        as(TestTokens.auditor()).get(personal(id)).then().statusCode(403)
                .contentType("application/problem+json");
        // The auditor reads the case's metadata, never the person.
        as(TestTokens.auditor()).get("/api/v1/cases/" + id).then().statusCode(200).body("$", not(hasKey("givenName")));
    }

    private static String personal(String id) {
        return "/api/v1/cases/" + id + "/personal-data";
    }
}
