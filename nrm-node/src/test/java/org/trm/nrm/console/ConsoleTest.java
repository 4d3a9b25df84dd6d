package org.trm.nrm.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

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
}
