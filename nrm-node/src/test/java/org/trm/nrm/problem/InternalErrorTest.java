package org.trm.nrm.problem;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InternalErrorTest {

    @Test
    void shouldAnswerProblemWithoutInternalsWhenHandlerFails() {
        RestAssured.get("/test/failing").then().statusCode(500).contentType("application/problem+json")
                .body("type", equalTo("urn:trm:problem:internal-error"))
                .body(not(containsString("secret")))
                .body(not(containsString("IllegalStateException")))
                .body(not(containsString("org.trm")));
    }
}
