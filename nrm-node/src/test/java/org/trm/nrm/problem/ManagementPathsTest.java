package org.trm.nrm.problem;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Health and metrics asked of the user port: a problem that names the management port, which answers. */
@QuarkusTest
class ManagementPathsTest {

    /** The management interface: only its port is used, the paths are written out below. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    @ParameterizedTest
    @ValueSource(strings = { "/q/health", "/q/health/ready", "/q/metrics" })
    void shouldNameTheManagementPortWhenAskedOnTheUserPort(String path) {
        RestAssured.given().get(path).then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:trm:problem:not-found")).body("status", equalTo(404))
                .body("instance", equalTo(path))
                .body("detail", containsString("management port " + management.getPort() + ","));
    }

    @Test
    void shouldServeHealthOnTheManagementPort() {
        RestAssured.given().get("http://" + management.getHost() + ":" + management.getPort() + "/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void shouldStillDenyOtherQuarkusPathsOnTheUserPort() {
        RestAssured.given().get("/q/arc").then().statusCode(401);
    }
}
