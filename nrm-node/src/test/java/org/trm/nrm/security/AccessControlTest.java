package org.trm.nrm.security;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.trm.nrm.support.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trm.nrm.support.Api;
import org.trm.nrm.support.TestTokens;

/** Who may do what: each role's allowed calls, and the denied ones answering 403 or 404. */
@QuarkusTest
class AccessControlTest {
    String police;
    String ngoA;
    String ngoB;
    String caseId;

    @BeforeEach
    void data() {
        police = Api.newOrganisation("LawEnforcement");
        ngoA = Api.newOrganisation("NGO");
        ngoB = Api.newOrganisation("NGO");
        caseId = Api.createCaseId(police);
        Api.serviceReferralConsent(TestTokens.caseWorker(police), caseId);
    }

    @Test
    void shouldLetCoordinatorSeeAndChangeEveryCaseWhenCaseBelongsToAnyOrganisation() {
        as(TestTokens.coordinator()).get(path()).then().statusCode(200);
        as(TestTokens.coordinator()).header("If-Match", "\"0\"").body(Api.caseBody()).put(path()).then().statusCode(200);
        as(TestTokens.coordinator()).queryParam("referringOrganisationId", police).get("/api/v1/cases").then()
                .statusCode(200).body("total", equalTo(1));
        as(TestTokens.coordinator()).get("/api/v1/statistics/tables").then().statusCode(200);
    }

    @Test
    void shouldHideCaseWith404WhenCaseWorkerIsOfAnotherOrganisation() {
        String other = Api.newOrganisation("LawEnforcement");
        as(TestTokens.caseWorker(other)).get(path()).then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("urn:trm:problem:not-found"));
        as(TestTokens.caseWorker(other)).header("If-Match", "\"0\"").body(Api.caseBody()).put(path()).then()
                .statusCode(404);
        as(TestTokens.caseWorker(other)).post(path() + "/actions/start-first-assistance").then().statusCode(404);
        as(TestTokens.caseWorker(other)).get(path() + "/personal-data").then().statusCode(404);
        as(TestTokens.caseWorker(other)).get("/api/v1/cases").then().statusCode(200)
                .body("items.id", not(hasItem(caseId)));
        as(TestTokens.caseWorker(police)).get("/api/v1/cases").then().statusCode(200)
                .body("items.id", hasItem(caseId));
    }

    @Test
    void shouldLetNgoSeeOnlyCasesReferredToItWhenAnotherNgoAsks() {
        String ngoCase = as(TestTokens.ngo(ngoA)).body(Api.caseBody()).post("/api/v1/cases").then().statusCode(201)
                .extract().path("id");
        as(TestTokens.ngo(ngoA)).get("/api/v1/cases/" + ngoCase).then().statusCode(200);
        as(TestTokens.ngo(ngoB)).get("/api/v1/cases/" + ngoCase).then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("urn:trm:problem:not-found"));
        as(TestTokens.ngo(ngoB)).get("/api/v1/cases/" + ngoCase + "/events").then().statusCode(404);
        as(TestTokens.ngo(ngoB)).get("/api/v1/cases").then().statusCode(200).body("items.id", not(hasItem(ngoCase)));
        // The police case becomes visible to NGO A once a shelter service is referred to it, never to B.
        as(TestTokens.ngo(ngoA)).get(path()).then().statusCode(404);
        as(TestTokens.caseWorker(police)).body(Map.of("serviceType", "SHELTER", "providerOrganisationId", ngoA))
                .post(path() + "/services").then().statusCode(201);
        as(TestTokens.ngo(ngoA)).get(path()).then().statusCode(200);
        as(TestTokens.ngo(ngoB)).get(path()).then().statusCode(404);
    }

    @Test
    void shouldForbidNgoWhenItTriesCaseWorkerActions() {
        as(TestTokens.caseWorker(police)).body(Map.of("serviceType", "SHELTER", "providerOrganisationId", ngoA))
                .post(path() + "/services").then().statusCode(201);
        as(TestTokens.ngo(ngoA)).header("If-Match", "\"0\"").body(Api.caseBody()).put(path()).then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("urn:trm:problem:forbidden"));
        as(TestTokens.ngo(ngoA)).post(path() + "/actions/start-first-assistance").then().statusCode(403);
        as(TestTokens.ngo(ngoA)).body(Map.of("serviceType", "LEGAL", "providerOrganisationId", ngoA))
                .post(path() + "/services").then().statusCode(403);
        as(TestTokens.ngo(ngoA)).get("/api/v1/statistics/tables").then().statusCode(403);
        as(TestTokens.ngo(ngoA)).get("/api/v1/audit").then().statusCode(403);
        as(TestTokens.ngo(ngoA)).body(Map.of("id", "x-org", "name", "X", "type", "NGO", "country", "AT"))
                .post("/api/v1/organisations").then().statusCode(403);
    }

    @Test
    void shouldLetAuditorSeeAuditStatisticsAndCaseMetadataButNoPersonalDataWhenAuditing() {
        as(TestTokens.auditor()).get("/api/v1/audit").then().statusCode(200);
        as(TestTokens.auditor()).get("/api/v1/audit/verify").then().statusCode(200);
        as(TestTokens.auditor()).get("/api/v1/statistics/tables").then().statusCode(200);
        // Metadata and the timeline, as the README's API table says; never the person.
        as(TestTokens.auditor()).get(path()).then().statusCode(200).body("id", equalTo(caseId))
                .body("$", not(hasKey("givenName")));
        as(TestTokens.auditor()).get(path() + "/events").then().statusCode(200).body("[0].type", equalTo("CASE_CREATED"));
        as(TestTokens.auditor()).queryParam("referringOrganisationId", police).get("/api/v1/cases").then()
                .statusCode(200).body("items.id", hasItem(caseId));
        as(TestTokens.auditor()).body(Api.caseBody()).header("If-Match", "\"0\"").put(path()).then().statusCode(403);
        as(TestTokens.auditor()).get(path() + "/personal-data").then().statusCode(403);
        as(TestTokens.auditor()).get(path() + "/protection").then().statusCode(403);
        as(TestTokens.auditor()).get(path() + "/consents").then().statusCode(403);
        as(TestTokens.auditor()).body(Api.caseBody()).post("/api/v1/cases").then().statusCode(403);
    }

    @Test
    void shouldLetNodeAdminManageOrganisationsButNoCaseWhenAdministering() {
        as(TestTokens.admin()).get("/api/v1/organisations/" + police).then().statusCode(200);
        as(TestTokens.admin()).get(path()).then().statusCode(403);
        as(TestTokens.admin()).get("/api/v1/statistics/tables").then().statusCode(403);
        as(TestTokens.caseWorker(police)).body(Map.of("id", "x-org", "name", "X", "type", "NGO", "country", "AT"))
                .post("/api/v1/organisations").then().statusCode(403);
        as(TestTokens.caseWorker(police)).get("/api/v1/organisations").then().statusCode(200);
    }

    @Test
    void shouldForbidWhenTokenHasNoKnownRole() {
        as(TestTokens.token("stranger", "some-other-role", police)).get(path()).then().statusCode(403)
                .contentType("application/problem+json");
        as(TestTokens.token("stranger", "some-other-role", police)).get("/api/v1/organisations").then().statusCode(403);
    }

    @Test
    void shouldForbidCaseCreationWhenCaseWorkerTokenNamesNoOrganisation() {
        as(TestTokens.token("worker", Roles.CASE_WORKER, null)).body(Api.caseBody()).post("/api/v1/cases").then()
                .statusCode(403).body("type", equalTo("urn:trm:problem:forbidden"));
        as(TestTokens.token("worker", Roles.CASE_WORKER, null)).get(path()).then().statusCode(404);
    }

    private String path() {
        return "/api/v1/cases/" + caseId;
    }
}
