package org.trm.nrm.cases;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.trm.nrm.support.Api.as;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trm.nrm.support.Api;
import org.trm.nrm.support.TestTokens;

@QuarkusTest
class CaseResourceTest {
    String org;

    @BeforeEach
    void organisation() {
        org = Api.newOrganisation("LawEnforcement");
    }

    @Test
    void shouldCreateCaseWithReferenceWhenCaseWorkerNotifies() {
        ExtractableResponse<Response> created = Api.createCase(org)
                .header("Location", matchesPattern(".*/api/v1/cases/[0-9a-f-]{36}"))
                .header("ETag", "\"0\"")
                .body("reference", matchesPattern("AT-20\\d\\d-\\d{6}"))
                .body("phase", equalTo("IDENTIFICATION"))
                .body("status", equalTo("Active"))
                .body("identificationStatus", equalTo("PRESUMED"))
                .body("formsOfExploitation", equalTo(List.of("Labour")))
                .body("referringOrganisationId", equalTo(org))
                .body("leadOrganisationId", equalTo(org))
                .extract();
        String id = created.path("id");
        as(TestTokens.caseWorker(org)).get("/api/v1/cases/" + id).then().statusCode(200)
                .header("ETag", "\"0\"").body("reference", equalTo(created.path("reference")));
        as(TestTokens.caseWorker(org)).get("/api/v1/cases/" + id + "/events").then().statusCode(200)
                .body("type", equalTo(List.of("CASE_CREATED")));
    }

    @Test
    void shouldNumberReferencesConsecutivelyWhenCasesAreCreated() {
        String first = Api.createCase(org).extract().path("reference");
        String second = Api.createCase(org).extract().path("reference");
        int a = Integer.parseInt(first.substring(first.lastIndexOf('-') + 1));
        int b = Integer.parseInt(second.substring(second.lastIndexOf('-') + 1));
        assertEquals(a + 1, b);
    }

    @Test
    void shouldUpdateAndRecordChangedFieldsWhenIfMatchIsCurrent() {
        String id = Api.createCaseId(org);
        Map<String, Object> body = Api.caseBody();
        body.put("identificationStatus", "IDENTIFIED");
        body.put("formsOfExploitation", List.of("Labour", "Sexual"));
        body.put("doNotContactCountryOfOrigin", true);
        body.put("leadOrganisationId", org);
        as(TestTokens.caseWorker(org)).header("If-Match", "\"0\"").body(body).put("/api/v1/cases/" + id)
                .then().statusCode(200).header("ETag", "\"1\"")
                .body("identificationStatus", equalTo("IDENTIFIED"))
                .body("formsOfExploitation", hasItems("Labour", "Sexual"))
                .body("doNotContactCountryOfOrigin", equalTo(true));
        as(TestTokens.caseWorker(org)).get("/api/v1/cases/" + id + "/events").then().statusCode(200)
                .body("type", equalTo(List.of("CASE_CREATED", "CASE_UPDATED", "DO_NOT_CONTACT_SET")))
                .body("[1].detail", equalTo("changed: identificationStatus, formsOfExploitation"));
    }

    @Test
    void shouldRefuseWith412WhenIfMatchIsStale() {
        String id = Api.createCaseId(org);
        Map<String, Object> body = Api.caseBody();
        as(TestTokens.caseWorker(org)).header("If-Match", "\"0\"").body(body).put("/api/v1/cases/" + id)
                .then().statusCode(200);
        body.put("citizenship", "BG");
        as(TestTokens.caseWorker(org)).header("If-Match", "\"0\"").body(body).put("/api/v1/cases/" + id)
                .then().statusCode(412).contentType("application/problem+json")
                .body("type", equalTo("urn:trm:problem:version-mismatch"))
                .body("instance", equalTo("/api/v1/cases/" + id));
        as(TestTokens.caseWorker(org)).get("/api/v1/cases/" + id).then().body("citizenship", equalTo("RO"))
                .body("version", equalTo(1));
    }

    @Test
    void shouldRefuseWith428WhenIfMatchIsMissing() {
        String id = Api.createCaseId(org);
        as(TestTokens.caseWorker(org)).body(Api.caseBody()).put("/api/v1/cases/" + id)
                .then().statusCode(428).contentType("application/problem+json")
                .body("type", equalTo("urn:trm:problem:if-match-required"));
    }

    @Test
    void shouldAcceptOnlyOneOfTwoConcurrentUpdatesWhenBothReadTheSameVersion() throws Exception {
        String id = Api.createCaseId(org);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Callable<Integer> update = () -> as(TestTokens.caseWorker(org))
                    .header("If-Match", "\"0\"").body(Api.caseBody()).put("/api/v1/cases/" + id).statusCode();
            var a = pool.submit(update);
            var b = pool.submit(update);
            List<Integer> statuses = new java.util.ArrayList<>(List.of(a.get(), b.get()));
            java.util.Collections.sort(statuses);
            assertEquals(List.of(200, 412), statuses);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void shouldRefuseUnknownOrganisationWhenCaseNamesIt() {
        Map<String, Object> body = Api.caseBody();
        body.put("leadOrganisationId", "no-such-org");
        as(TestTokens.caseWorker(org)).body(body).post("/api/v1/cases").then().statusCode(422)
                .contentType("application/problem+json").body("type", equalTo("urn:trm:problem:unknown-organisation"));
    }

    @Test
    void shouldRefuseIdentifiedStatusWhenNgoNotifies() {
        String ngo = Api.newOrganisation("NGO");
        Map<String, Object> body = Api.caseBody();
        body.put("identificationStatus", "IDENTIFIED");
        as(TestTokens.ngo(ngo)).body(body).post("/api/v1/cases").then().statusCode(403)
                .body("type", equalTo("urn:trm:problem:forbidden"));
        as(TestTokens.ngo(ngo)).body(Api.caseBody()).post("/api/v1/cases").then().statusCode(201)
                .body("referringOrganisationId", equalTo(ngo)).body("leadOrganisationId", equalTo(null))
                .body("id", notNullValue());
    }

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void shouldServeOpenApiWithoutTokenAndHealthOnTheManagementPort() {
        io.restassured.RestAssured.get(management + "health/ready").then().statusCode(200).body("status", equalTo("UP"));
        io.restassured.RestAssured.get(management + "health/live").then().statusCode(200);
        io.restassured.RestAssured.get("/q/health/ready").then().statusCode(not(200));
        io.restassured.RestAssured.get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/v1/cases/{id}/actions/start-return"));
        io.restassured.RestAssured.get("/q/swagger-ui/").then().statusCode(200)
                .contentType(startsWith("text/html"));
    }

    @Test
    void shouldServeMetricsOnlyOnTheManagementPort() {
        io.restassured.RestAssured.get(management + "metrics").then().statusCode(200)
                .body(containsString("http_server_requests"));
        io.restassured.RestAssured.given().auth().oauth2(TestTokens.admin()).get("/q/metrics").then()
                .statusCode(not(200));
    }
}
