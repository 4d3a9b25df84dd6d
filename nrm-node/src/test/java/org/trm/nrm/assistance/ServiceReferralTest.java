package org.trm.nrm.assistance;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
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
        Api.serviceReferralConsent(TestTokens.caseWorker(police), caseId);
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

    @Test
    void shouldReferToAServiceOnlyUnderTheVictimsConsentAndRecordNothingWithout() {
        String uncovered = Api.createCaseId(police);
        String path = "/api/v1/cases/" + uncovered + "/services";
        as(TestTokens.caseWorker(police)).body(Map.of("serviceType", "SHELTER", "providerOrganisationId", shelter))
                .post(path).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:trm:problem:service-referral-consent-required"));
        as(TestTokens.caseWorker(police)).get(path).then().statusCode(200).body("$", hasSize(0));
        // Nor does the provider learn of the case.
        as(TestTokens.ngo(shelter)).get("/api/v1/cases/" + uncovered).then().statusCode(404);
        as(TestTokens.caseWorker(police)).get("/api/v1/cases/" + uncovered + "/events").then()
                .body("type", not(hasItem("SERVICE_REFERRED")));

        String consent = as(TestTokens.caseWorker(police)).body(Map.of("scope", "SERVICE_REFERRAL", "givenBy", "VICTIM",
                "language", "ro", "interpreter", "Interpreter 3")).post("/api/v1/cases/" + uncovered + "/consents").then()
                .statusCode(201).extract().path("id");
        as(TestTokens.caseWorker(police)).body(Map.of("serviceType", "SHELTER", "providerOrganisationId", shelter))
                .post(path).then().statusCode(201);
        as(TestTokens.caseWorker(police)).post("/api/v1/cases/" + uncovered + "/consents/" + consent + "/withdraw").then()
                .statusCode(200);
        as(TestTokens.caseWorker(police)).body(Map.of("serviceType", "LEGAL", "providerOrganisationId", lawyers))
                .post(path).then().statusCode(409).body("type", equalTo("urn:trm:problem:service-referral-consent-required"));
        as(TestTokens.caseWorker(police)).get(path).then().body("serviceType", equalTo(List.of("SHELTER")));
    }

    @Test
    void shouldReferAChildOnlyUnderItsGuardiansConsentAndTreatADisputedAgeAsAChilds() {
        // The victim consented as an adult; once the age is disputed only a guardian's consent counts.
        as(TestTokens.caseWorker(police)).post("/api/v1/cases/" + caseId + "/protection/age-dispute").then().statusCode(200)
                .body("child", equalTo(true));
        as(TestTokens.caseWorker(police)).body(Map.of("serviceType", "SHELTER", "providerOrganisationId", shelter))
                .post(services()).then().statusCode(409).body("type", equalTo("urn:trm:problem:guardian-consent-required"));
        as(TestTokens.caseWorker(police)).body(Map.of("scope", "SERVICE_REFERRAL", "givenBy", "GUARDIAN",
                "guardian", "Maria Huber", "language", "de")).post("/api/v1/cases/" + caseId + "/consents").then().statusCode(201);
        refer("SHELTER", shelter);
    }

    @Test
    void shouldTakeTheAsylumAuthoritysReferralOfAPresumedVictimAndReferTheCaseBackToIt() {
        // The asylum authority (HTCDS ImmigrationService) finds a presumed victim in the asylum procedure and refers her.
        String authority = Api.newOrganisation("ImmigrationService");
        String referred = as(TestTokens.ngo(authority)).body(Api.caseBody()).post("/api/v1/cases").then().statusCode(201)
                .body("referringOrganisationId", equalTo(authority)).body("identificationStatus", equalTo("PRESUMED"))
                .extract().path("id");
        as(TestTokens.coordinator()).queryParam("referringOrganisationId", authority).get("/api/v1/cases").then()
                .statusCode(200).body("items.id", equalTo(List.of(referred)));
        // Identification is the NRM's, not the authority's.
        java.util.Map<String, Object> identified = new java.util.HashMap<>(Api.caseBody());
        identified.put("identificationStatus", "IDENTIFIED");
        as(TestTokens.ngo(authority)).body(identified).post("/api/v1/cases").then().statusCode(403);

        // The NRM refers her to the authority's procedure as it refers to any service, under her consent.
        Api.serviceReferralConsent(TestTokens.coordinator(), referred);
        String service = as(TestTokens.coordinator()).body(Map.of("serviceType", "ASYLUM_AUTHORITY", "providerOrganisationId",
                authority)).post("/api/v1/cases/" + referred + "/services").then().statusCode(201).extract().path("id");
        as(TestTokens.ngo(authority)).get("/api/v1/services").then().statusCode(200).body("items.id", hasItem(service));
        as(TestTokens.ngo(authority)).header("If-Match", "\"0\"").body(Map.of("status", "ACCEPTED"))
                .put("/api/v1/cases/" + referred + "/services/" + service).then().statusCode(200);
        as(TestTokens.ngo(authority)).get("/api/v1/cases/" + caseId).then().statusCode(404);
    }

    private String refer(String type, String provider) {
        return as(TestTokens.caseWorker(police)).body(Map.of("serviceType", type, "providerOrganisationId", provider))
                .post(services()).then().statusCode(201).body("status", equalTo("REQUESTED")).extract().path("id");
    }

    private String services() {
        return "/api/v1/cases/" + caseId + "/services";
    }
}
