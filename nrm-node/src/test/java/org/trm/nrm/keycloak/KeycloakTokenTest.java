package org.trm.nrm.keycloak;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The node AT against the real Keycloak of deploy/keycloak (start.sh): tokens come from realm nrm-at
 * exactly as users and partner NGOs get them, and the node checks them against the realm's JWKS.
 * Keycloak missing is a failure, not a skip.
 */
@QuarkusTest
@TestProfile(KeycloakTokenTest.RealmAt.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakTokenTest {
    static final String NRM_ORG = "at-org-nrm";
    static final String NGO_ORG = "at-org-ngo-1";
    static final String PROBLEM = "application/problem+json";
    /** Keycloak's clock and the node's are the same machine's; one second covers the rounding of exp. */
    static final int CLOCK_SKEW_SECONDS = 1;

    /** Node AT trusting realm nrm-at of the local Keycloak. */
    public static class RealmAt implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mp.jwt.verify.publickey.location", LocalKeycloak.jwks("nrm-at"),
                    "mp.jwt.verify.issuer", LocalKeycloak.issuer("nrm-at"),
                    // The default skew (60 s) would keep the expiry test waiting a minute.
                    "mp.jwt.verify.clock.skew", String.valueOf(CLOCK_SKEW_SECONDS),
                    // A token with an unknown kid makes the node fetch the JWKS again, at most once a
                    // minute (default: 30), so a rotated key is accepted within a minute.
                    "smallrye.jwt.jwks.forced-refresh-interval", "1");
        }
    }

    @BeforeAll
    static void keycloakRuns() {
        LocalKeycloak.requireRunning();
    }

    /** Runs first: a token of a foreign realm (unknown kid) would use up the minute's forced refresh. */
    @Test
    @Order(1)
    void shouldAcceptTokensOfRotatedKeyWithoutRestart() {
        String before = caseWorker();
        as(before).get("/api/v1/cases").then().statusCode(200);
        String component = LocalKeycloak.addSigningKey("nrm-at");
        try {
            String after = caseWorker();
            String kid = JsonPath.from(LocalKeycloak.part(after, 0)).getString("kid");
            assertEquals(LocalKeycloak.kidOf("nrm-at", component), kid, "Keycloak signs with the new key");
            assertNotEquals(JsonPath.from(LocalKeycloak.part(before, 0)).getString("kid"), kid);

            as(after).get("/api/v1/cases").then().statusCode(200).contentType(ContentType.JSON);
            as(before).get("/api/v1/cases").then().statusCode(200);
        } finally {
            LocalKeycloak.removeComponent("nrm-at", component);
        }
    }

    @Test
    @Order(2)
    void shouldLetCaseWorkerWorkOnOwnOrganisationsCasesWhenLoggedInWithPassword() {
        registerDemoOrganisations();
        String token = caseWorker();
        JsonPath claims = JsonPath.from(LocalKeycloak.part(token, 1));
        assertEquals(List.of("case-worker"), claims.getList("groups"));
        assertEquals(NRM_ORG, claims.getString("org"));

        String id = as(token).body(presumedVictim()).post("/api/v1/cases")
                .then().statusCode(201).contentType(ContentType.JSON)
                .body("reference", matchesPattern("AT-\\d{4}-\\d{6}"))
                .body("referringOrganisationId", equalTo(NRM_ORG))
                .body("leadOrganisationId", equalTo(NRM_ORG))
                .body("phase", equalTo("IDENTIFICATION"))
                .extract().path("id");
        as(token).get("/api/v1/cases/" + id).then().statusCode(200).contentType(ContentType.JSON)
                .body("id", equalTo(id));
        as(token).post("/api/v1/cases/" + id + "/actions/start-first-assistance")
                .then().statusCode(200).body("phase", equalTo("FIRST_ASSISTANCE"));

        // Organisations are the node admin's.
        as(token).body(organisation("at-org-by-worker", "NGO")).post("/api/v1/organisations")
                .then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo("urn:trm:problem:forbidden")).body("status", equalTo(403));
    }

    @Test
    @Order(3)
    void shouldGiveNgoIntegrationExactlyWhatNgoPartnerAllowsWhenUsingClientCredentials() {
        registerDemoOrganisations();
        String workersCase = as(caseWorker()).body(presumedVictim()).post("/api/v1/cases")
                .then().statusCode(201).extract().path("id");

        String token = LocalKeycloak.clientToken("nrm-at", "ngo-integration", LocalKeycloak.DEMO_SECRET);
        JsonPath claims = JsonPath.from(LocalKeycloak.part(token, 1));
        assertEquals(List.of("ngo-partner"), claims.getList("groups"));
        assertEquals(NGO_ORG, claims.getString("org"));

        // It notifies a presumed victim, on behalf of its own organisation only.
        String notified = as(token).body(presumedVictim()).post("/api/v1/cases")
                .then().statusCode(201).contentType(ContentType.JSON)
                .body("referringOrganisationId", equalTo(NGO_ORG))
                .body("identificationStatus", equalTo("PRESUMED"))
                .extract().path("id");
        as(token).get("/api/v1/cases/" + notified).then().statusCode(200).body("id", equalTo(notified));
        as(token).get("/api/v1/cases").then().statusCode(200).contentType(ContentType.JSON)
                .body("items.id", hasItem(notified))
                .body("items.id", not(hasItem(workersCase)))
                .body("items", everyItem(anyOf(
                        hasEntry("referringOrganisationId", NGO_ORG),
                        hasEntry("leadOrganisationId", NGO_ORG))));

        // Another organisation's case does not exist for it; identification and lifecycle are not its to do.
        as(token).get("/api/v1/cases/" + workersCase).then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("urn:trm:problem:not-found"));
        Map<String, Object> identified = presumedVictim();
        identified.put("identificationStatus", "IDENTIFIED");
        as(token).body(identified).post("/api/v1/cases").then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo("urn:trm:problem:forbidden"));
        as(token).post("/api/v1/cases/" + notified + "/actions/start-first-assistance")
                .then().statusCode(403).contentType(PROBLEM).body("type", equalTo("urn:trm:problem:forbidden"));
        as(token).body(organisation("at-org-by-ngo", "NGO")).post("/api/v1/organisations")
                .then().statusCode(403).contentType(PROBLEM);

        // The case worker does not see the NGO's notification; the coordinator sees both.
        as(caseWorker()).get("/api/v1/cases/" + notified).then().statusCode(404).contentType(PROBLEM);
        String coordinator = LocalKeycloak.passwordToken("nrm-at", "nrm-web", "coordinator");
        as(coordinator).get("/api/v1/cases/" + notified).then().statusCode(200).body("referringOrganisationId",
                equalTo(NGO_ORG));
        as(coordinator).get("/api/v1/cases/" + workersCase).then().statusCode(200);
    }

    @Test
    @Order(4)
    void shouldLetAuditorReadButNotWriteCasesWhenLoggedInWithPassword() {
        String token = LocalKeycloak.passwordToken("nrm-at", "nrm-web", "auditor");
        assertEquals(List.of("auditor"), JsonPath.from(LocalKeycloak.part(token, 1)).getList("groups"));
        as(token).get("/api/v1/cases").then().statusCode(200).contentType(ContentType.JSON);
        as(token).body("{}").post("/api/v1/cases").then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo("urn:trm:problem:forbidden"));
        as(token).get("/api/v1/organisations").then().statusCode(200).contentType(ContentType.JSON);
    }

    @Test
    @Order(5)
    void shouldRefuseTokenOfAnotherCountrysRealm() {
        String token = LocalKeycloak.passwordToken("nrm-bg", "nrm-web", "caseworker");
        JsonPath claims = JsonPath.from(LocalKeycloak.part(token, 1));
        // A well-formed token for a node, with the right role: only the realm is wrong.
        assertEquals(LocalKeycloak.issuer("nrm-bg"), claims.getString("iss"));
        assertEquals("nrm-node", claims.getString("aud"));
        assertEquals(List.of("case-worker"), claims.getList("groups"));

        unauthenticated(as(token).get("/api/v1/cases").then());
    }

    @Test
    @Order(6)
    void shouldRefuseTokenOnceExpired() throws InterruptedException {
        // nrm-expiry-test is the realm's test-only client with 2-second access tokens.
        String token = LocalKeycloak.passwordToken("nrm-at", "nrm-expiry-test", "caseworker");
        JsonPath claims = JsonPath.from(LocalKeycloak.part(token, 1));
        long exp = claims.getLong("exp");
        assertEquals(2, exp - claims.getLong("iat"));
        as(token).get("/api/v1/cases").then().statusCode(200);

        long refusedFrom = (exp + CLOCK_SKEW_SECONDS + 1) * 1000;
        Thread.sleep(Math.max(0, refusedFrom - System.currentTimeMillis()));
        unauthenticated(as(token).get("/api/v1/cases").then());
    }

    private static void unauthenticated(ValidatableResponse response) {
        response.statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("type", equalTo("urn:trm:problem:unauthenticated"))
                .body("status", equalTo(401));
    }

    private static String caseWorker() {
        return LocalKeycloak.passwordToken("nrm-at", "nrm-web", "caseworker");
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** The organisations of the realm's demo users, registered by its node admin (idempotent). */
    private static void registerDemoOrganisations() {
        String admin = LocalKeycloak.passwordToken("nrm-at", "nrm-web", "admin");
        for (Map<String, Object> org : List.of(organisation(NRM_ORG, "CentralGovernmentOrganisation"),
                organisation(NGO_ORG, "NGO"))) {
            int status = as(admin).body(org).post("/api/v1/organisations").then().extract().statusCode();
            if (status != 201) {
                as(admin).get("/api/v1/organisations/" + org.get("id")).then().statusCode(200);
            }
        }
    }

    private static Map<String, Object> organisation(String id, String type) {
        return Map.of("id", id, "name", "Demo " + id, "type", type, "country", "AT");
    }

    private static Map<String, Object> presumedVictim() {
        return new HashMap<>(Map.of(
                "identificationStatus", "PRESUMED",
                "formsOfExploitation", List.of("Labour"),
                "citizenship", "RO",
                "countryOfExploitation", "AT"));
    }
}
