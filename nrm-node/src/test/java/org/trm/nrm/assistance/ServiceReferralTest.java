package org.trm.nrm.assistance;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.trm.nrm.support.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trm.nrm.support.Api;
import org.trm.nrm.support.TestTokens;

@QuarkusTest
class ServiceReferralTest {
    String police;
    String shelter;
    String lawyers;
    String caseId;

    @BeforeEach
    void data() {
        police = Api.newOrganisation("LawEnforcement");
        shelter = Api.newOrganisation("NGO");
        lawyers = Api.newOrganisation("LegalService");
        caseId = Api.createCaseId(police);
    }

    @Test
    void shouldTrackReferralFromRequestToOutcomeWhenProviderAnswers() {
        String sid = refer("SHELTER", shelter);
        as(TestTokens.ngo(shelter)).queryParam("status", "REQUESTED").get("/api/v1/services").then().statusCode(200)
                .body("items.id", equalTo(List.of(sid)));
        as(TestTokens.ngo(shelter)).header("If-Match", "\"0\"").body(Map.of("status", "ACCEPTED"))
                .put(services() + "/" + sid).then().statusCode(200).header("ETag", "\"1\"")
                .body("status", equalTo("ACCEPTED"));
        as(TestTokens.ngo(shelter)).header("If-Match", "\"1\"")
                .body(Map.of("status", "COMPLETED", "outcome", "accommodated for 3 months"))
                .put(services() + "/" + sid).then().statusCode(200).body("outcome", equalTo("accommodated for 3 months"));
        as(TestTokens.caseWorker(police)).get(services() + "/" + sid).then().statusCode(200)
                .body("status", equalTo("COMPLETED"));
        as(TestTokens.caseWorker(police)).get("/api/v1/cases/" + caseId + "/events").then()
                .body("findAll { it.type == 'SERVICE_UPDATED' }.detail",
                        equalTo(List.of("SHELTER REQUESTED -> ACCEPTED", "SHELTER ACCEPTED -> COMPLETED")));
    }

    @Test
    void shouldRefuseStatusChangeWhenReferralIsFinal() {
        String sid = refer("SHELTER", shelter);
        as(TestTokens.ngo(shelter)).header("If-Match", "\"0\"").body(Map.of("status", "DECLINED"))
                .put(services() + "/" + sid).then().statusCode(200);
        as(TestTokens.ngo(shelter)).header("If-Match", "\"1\"").body(Map.of("status", "IN_PROGRESS"))
                .put(services() + "/" + sid).then().statusCode(409)
                .body("type", equalTo("urn:trm:problem:illegal-transition"))
                .body("detail", containsString("DECLINED cannot become IN_PROGRESS"));
    }

    @Test
    void shouldShowNgoOnlyItsOwnServicesWhenCaseHasSeveral() {
        String mine = refer("SHELTER", shelter);
        String theirs = refer("LEGAL", lawyers);
        as(TestTokens.caseWorker(police)).get(services()).then().statusCode(200).body("$", hasSize(2));
        as(TestTokens.ngo(shelter)).get(services()).then().statusCode(200).body("id", equalTo(List.of(mine)));
        as(TestTokens.ngo(shelter)).get(services() + "/" + theirs).then().statusCode(404);
        as(TestTokens.ngo(shelter)).header("If-Match", "\"0\"").body(Map.of("status", "ACCEPTED"))
                .put(services() + "/" + theirs).then().statusCode(404);
    }

    @Test
    void shouldRefuseReferralWhenProviderIsUnknown() {
        as(TestTokens.caseWorker(police)).body(Map.of("serviceType", "SHELTER", "providerOrganisationId", "nowhere"))
                .post(services()).then().statusCode(422).body("type", equalTo("urn:trm:problem:unknown-organisation"));
        as(TestTokens.caseWorker(police)).body(Map.of("serviceType", "SPA", "providerOrganisationId", shelter))
                .post(services()).then().statusCode(400).body("type", equalTo("urn:trm:problem:invalid-value"));
        as(TestTokens.caseWorker(police)).get(services()).then().body("$", hasSize(0));
    }

    @Test
    void shouldRecordAssessmentsAndProceedingsWhenCaseWorkerAddsThem() {
        String token = TestTokens.caseWorker(police);
        String path = "/api/v1/cases/" + caseId;
        as(token).body(Map.of("kind", "NEEDS", "needs", List.of("ACCOMMODATION", "MEDICAL"), "summary", "needs a bed"))
                .post(path + "/assessments").then().statusCode(201).body("needs", equalTo(List.of("ACCOMMODATION", "MEDICAL")));
        as(token).body(Map.of("kind", "RISK")).post(path + "/assessments").then().statusCode(400)
                .body("type", equalTo("urn:trm:problem:validation-failed"));
        as(token).get(path + "/assessments").then().statusCode(200).body("kind", equalTo(List.of("NEEDS")));
        String pid = as(token).body(Map.of("kind", "CRIMINAL", "status", "OPEN", "authority", "Landesgericht Wien",
                "openedOn", "2026-05-01")).post(path + "/proceedings").then().statusCode(201).extract().path("id");
        as(token).header("If-Match", "\"0\"").body(Map.of("kind", "CRIMINAL", "status", "CLOSED", "openedOn", "2026-05-01",
                "closedOn", "2026-10-01", "outcome", "conviction")).put(path + "/proceedings/" + pid).then()
                .statusCode(200).body("status", equalTo("CLOSED"));
        as(token).get(path + "/proceedings").then().statusCode(200).body("outcome", equalTo(List.of("conviction")));
    }

    private String refer(String type, String provider) {
        return as(TestTokens.caseWorker(police)).body(Map.of("serviceType", type, "providerOrganisationId", provider))
                .post(services()).then().statusCode(201).body("status", equalTo("REQUESTED")).extract().path("id");
    }

    private String services() {
        return "/api/v1/cases/" + caseId + "/services";
    }
}
