package org.trm.nrm.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import static org.trm.nrm.support.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.trm.nrm.support.TestTokens;

/** The console's files and its login settings are open; the API it calls stays closed without a token. */
@QuarkusTest
class ConsoleTest {

    @Test
    void shouldServeTheConsoleWithoutATokenWhenAsked() {
        given().get("/console/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("app.js"));
        given().get("/console/i18n/de.json").then().statusCode(200).body("'nav.cases'", equalTo("Fälle"));
        given().get("/console/vendor/chart.umd.min.js").then().statusCode(200);
    }

    @Test
    void shouldForbidInlineScriptsAndForeignOriginsOnEveryConsoleFileWhenServed() {
        String policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                + "connect-src 'self' https://test.trm.local/realms/nrm-at/protocol/openid-connect/token; "
                + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        for (String file : new String[] { "/console/", "/console/app.js", "/console/i18n/en.json", "/console/console.css" }) {
            given().get(file).then().statusCode(200).header("Content-Security-Policy", equalTo(policy))
                    .header("X-Content-Type-Options", equalTo("nosniff")).header("Referrer-Policy", equalTo("no-referrer"));
        }
        // The page itself has no inline script or style for the policy to allow.
        given().get("/console/").then().body(not(containsString("<script>"))).body(not(containsString("style=")))
                .body(not(containsString("<style")));
    }

    @Test
    void shouldNameTheRealmAndPublicClientWhenTheConsoleStarts() {
        given().accept("application/json").get("/api/v1/console/config").then().statusCode(200)
                .body("country", equalTo("AT")).body("clientId", equalTo("nrm-console"))
                .body("issuer", equalTo("https://test.trm.local/realms/nrm-at"));
    }

    @Test
    void shouldStillRefuseTheApiWithoutATokenWhenTheConsoleIsOpen() {
        given().accept("application/json").get("/api/v1/cases").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void shouldLetOnlyTheNodeAdminAskTheGatewayAndSayWhenThereIsNone() {
        // No gateway in this test: the node says so, as a problem, instead of failing.
        as(TestTokens.admin()).get("/api/v1/operations").then().statusCode(503)
                .contentType("application/problem+json").body("type", equalTo("urn:trm:problem:federation-disabled"));
        as(TestTokens.admin()).post("/api/v1/operations/ping/BG").then().statusCode(503);
        as(TestTokens.coordinator()).get("/api/v1/operations").then().statusCode(403);
        as(TestTokens.auditor()).get("/api/v1/operations/dead-letters").then().statusCode(403);
        as(TestTokens.coordinator()).post("/api/v1/operations/dead-letters/" + java.util.UUID.randomUUID() + "/retry")
                .then().statusCode(403);
        as(TestTokens.admin()).post("/api/v1/operations/ping/bg").then().statusCode(400);
    }

    @Test
    void shouldShowTheNodesOwnCertificatesWithoutAGatewayWhenTheFederationIsOff() {
        as(TestTokens.admin()).get("/api/v1/operations/credentials").then().statusCode(200)
                .body("federation", equalTo(false)).body("keys.size()", equalTo(0))
                .body("certificates.name", org.hamcrest.Matchers.hasItem("keystore.node"))
                .body("certificates.find { it.name == 'keystore.node' }.expiringSoon", equalTo(false));
        as(TestTokens.coordinator()).get("/api/v1/operations/credentials").then().statusCode(403);
    }
}
