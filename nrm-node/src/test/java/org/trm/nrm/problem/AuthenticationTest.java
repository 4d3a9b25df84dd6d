package org.trm.nrm.problem;

import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.trm.nrm.support.TestTokens;

/** Tokens that must not get in: each answers 401 as a problem, with a Bearer challenge. */
@QuarkusTest
class AuthenticationTest {

    @ParameterizedTest
    @ValueSource(strings = { "missing", "expired", "forged", "wrongIssuer", "wrongAudience", "garbage" })
    void shouldAnswer401WhenTokenIsNotAcceptable(String kind) {
        var request = RestAssured.given().accept("application/json");
        String token = switch (kind) {
            case "expired" -> TestTokens.expired();
            case "forged" -> TestTokens.forged();
            case "wrongIssuer" -> TestTokens.wrongIssuer();
            case "wrongAudience" -> TestTokens.wrongAudience();
            case "garbage" -> "not.a.token";
            default -> null;
        };
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        request.get("/api/v1/cases").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("type", equalTo("urn:trm:problem:unauthenticated")).body("status", equalTo(401));
    }
}
