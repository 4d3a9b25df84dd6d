package org.trm.nrm.problem;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trm.nrm.support.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.trm.model.json.Json;
import org.trm.nrm.support.Api;
import org.trm.nrm.support.TestTokens;

/** Every kind of bad request answers a problem with a stable type, echoes nothing, and stores nothing. */
@QuarkusTest
class BadInputTest {
    private static final String SECRET = "Maria-Secret-Name";

    @Inject
    DataSource dataSource;

    String org;
    long casesBefore;
    long eventsBefore;

    @BeforeEach
    void countRows() throws Exception {
        org = Api.newOrganisation("NGO");
        casesBefore = count("case_file");
        eventsBefore = count("case_event");
    }

    @AfterEach
    void nothingStored() throws Exception {
        assertEquals(casesBefore, count("case_file"), "no case may be stored on bad input");
        assertEquals(eventsBefore, count("case_event"), "no event may be stored on bad input");
    }

    @Test
    void shouldAnswerMalformedJsonWhenBodyIsNotJson() {
        post("{\"identificationStatus\": \"PRESUMED\", " + SECRET).statusCode(400)
                .body("type", equalTo("urn:trm:problem:malformed-json"));
    }

    @Test
    void shouldAnswerMalformedJsonWhenBodyIsAnArray() {
        post("[1, 2]").statusCode(400).body("type", equalTo("urn:trm:problem:malformed-json"));
    }

    @Test
    void shouldAnswerInvalidValueWhenEnumValueIsUnknown() {
        Map<String, Object> body = Api.caseBody();
        body.put("identificationStatus", SECRET);
        post(body).statusCode(400).body("type", equalTo("urn:trm:problem:invalid-value"))
                .body("detail", containsString("identificationStatus"))
                .body("detail", containsString("PRESUMED, IDENTIFIED, NOT_CONFIRMED"));
    }

    @Test
    void shouldAnswerInvalidValueWhenNestedEnumValueIsUnknown() {
        Map<String, Object> body = Api.caseBody();
        body.put("formsOfExploitation", java.util.List.of("Labour", SECRET));
        post(body).statusCode(400).body("type", equalTo("urn:trm:problem:invalid-value"))
                .body("detail", containsString("formsOfExploitation[1]"));
    }

    @Test
    void shouldAnswerInvalidValueWhenTypeIsWrong() {
        Map<String, Object> body = Api.caseBody();
        body.put("ageAtIdentification", SECRET);
        post(body).statusCode(400).body("type", equalTo("urn:trm:problem:invalid-value"))
                .body("detail", containsString("ageAtIdentification"));
    }

    @Test
    void shouldListViolationsWhenRequiredFieldsAreMissing() {
        Map<String, Object> body = Api.caseBody();
        body.remove("identificationStatus");
        body.remove("formsOfExploitation");
        body.put("citizenship", "XX");
        body.put("ageAtIdentification", 300);
        post(body).statusCode(400).body("type", equalTo("urn:trm:problem:validation-failed"))
                .body("violations.field", equalTo(java.util.List.of("ageAtIdentification", "citizenship",
                        "formsOfExploitation", "identificationStatus")));
    }

    @Test
    void shouldListViolationWhenBodyIsEmpty() {
        as(TestTokens.ngo(org)).post("/api/v1/cases").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:trm:problem:validation-failed"));
    }

    @Test
    void shouldAnswerUnknownFieldWhenBodyHasOne() {
        Map<String, Object> body = Api.caseBody();
        body.put("givenName", SECRET);
        post(body).statusCode(400).body("type", equalTo("urn:trm:problem:unknown-field"))
                .body("detail", equalTo("unknown field 'givenName'"));
    }

    @Test
    void shouldAnswer413WhenBodyIsTooLarge() {
        String huge = "{\"identificationStatus\":\"PRESUMED\",\"x\":\"" + "a".repeat(70 * 1024) + "\"}";
        as(TestTokens.ngo(org)).body(huge).post("/api/v1/cases").then().statusCode(413)
                .contentType("application/problem+json").body("type", equalTo("urn:trm:problem:too-large"))
                .body("status", equalTo(413));
    }

    @Test
    void shouldAnswer413WhenChunkedBodyGrowsTooLarge() throws Exception {
        byte[] huge = ("{\"identificationStatus\":\"PRESUMED\",\"x\":\"" + "a".repeat(200 * 1024) + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://localhost:" + RestAssured.port + "/api/v1/cases"))
                .header("Authorization", "Bearer " + TestTokens.ngo(org)).header("Content-Type", "application/json")
                // An input stream has no known length, so the body goes out chunked, without Content-Length.
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge)))
                .build();
        var response = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void shouldAnswer415WhenBodyIsNotJson() {
        RestAssured.given().auth().oauth2(TestTokens.ngo(org)).contentType("text/plain").body("hello")
                .post("/api/v1/cases").then().statusCode(415).contentType("application/problem+json")
                .body("type", equalTo("urn:trm:problem:unsupported-media-type"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/jsonX", "application/json-patch+json", "application/problem+json", ""})
    void shouldAnswer415ForAnyMediaTypeButExactlyJson(String contentType) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://localhost:" + RestAssured.port + "/api/v1/cases"))
                .header("Authorization", "Bearer " + TestTokens.caseWorker(org))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Json.write(Api.caseBody())));
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        var response = java.net.http.HttpClient.newHttpClient().send(request.build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(415, response.statusCode(), contentType);
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("urn:trm:problem:unsupported-media-type"), response.body());
    }

    @Test
    void shouldReadJsonWithACharsetParameter() {
        // Read, hence judged on its content (a bad value), not refused for its media type.
        Map<String, Object> body = Api.caseBody();
        body.put("identificationStatus", "NOT_A_STATUS");
        RestAssured.given().auth().oauth2(TestTokens.caseWorker(org)).contentType("application/json; charset=UTF-8")
                .body(body).post("/api/v1/cases").then().statusCode(400)
                .body("type", equalTo("urn:trm:problem:invalid-value"));
    }

    @Test
    void shouldAnswer404WhenCaseIdIsUnknown() {
        as(TestTokens.coordinator()).get("/api/v1/cases/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("urn:trm:problem:not-found"));
        as(TestTokens.coordinator()).get("/api/v1/cases/not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json");
        as(TestTokens.coordinator()).get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shouldAnswer405WhenMethodIsNotSupported() {
        as(TestTokens.coordinator()).delete("/api/v1/cases").then().statusCode(405)
                .contentType("application/problem+json").body("type", equalTo("urn:trm:problem:method-not-allowed"));
    }

    @Test
    void shouldAnswerInvalidValueWhenQueryParameterIsUnknownCode() {
        as(TestTokens.coordinator()).queryParam("phase", SECRET).get("/api/v1/cases").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:trm:problem:invalid-value"))
                .body("detail", containsString("IDENTIFICATION, FIRST_ASSISTANCE"));
        as(TestTokens.coordinator()).queryParam("size", 1000).get("/api/v1/cases").then().statusCode(400)
                .body("type", equalTo("urn:trm:problem:validation-failed")).body("violations.field", hasItem("size"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"coordinator | /api/v1/referrals | direction | one of OUTBOUND, INBOUND",
            "coordinator | /api/v1/referrals | status | one of PENDING, ACCEPTED, DECLINED, WITHDRAWN, CLOSED, NOTIFIED",
            "auditor | /api/v1/audit | caseId | a UUID", "auditor | /api/v1/audit | page | a number"})
    void shouldAnswerInvalidValueWhenQueryParameterHasTheWrongType(String role, String path, String name,
            String expected) {
        // Not a missing resource (Jakarta REST's 404): the caller sent a value the parameter cannot take.
        as(role.equals("auditor") ? TestTokens.auditor() : TestTokens.coordinator()).queryParam(name, SECRET).get(path)
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:trm:problem:invalid-value"))
                .body("detail", equalTo("query parameter '" + name + "' must be " + expected))
                .body(not(containsString(SECRET)));
    }

    @Test
    void shouldStillAnswer404WhenPathParameterHasTheWrongType() {
        as(TestTokens.coordinator()).get("/api/v1/referrals/not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("urn:trm:problem:not-found"));
    }

    private ValidatableResponse post(Object body) {
        return as(TestTokens.ngo(org)).body(body).post("/api/v1/cases").then()
                .contentType("application/problem+json")
                .body("title", not(containsString(SECRET)))
                .body("detail", not(containsString(SECRET)))
                .body(not(containsString("Exception")))
                .body("instance", equalTo("/api/v1/cases"));
    }

    private long count(String table) throws Exception {
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
