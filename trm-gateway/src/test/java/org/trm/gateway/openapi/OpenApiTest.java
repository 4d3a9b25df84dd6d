package org.trm.gateway.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.trm.testkit.pki.Federation.as;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * The gateway's API description: served on its mTLS port to any federation certificate (a node,
 * an operator, a partner's gateway), never on the plain management port, and it lists every
 * operation with its media types and the problems of the registry it may answer.
 */
@QuarkusTest
class OpenApiTest {

    @TestHTTPResource(value = "/q/openapi", tls = true)
    URL openapi;

    @TestHTTPResource(value = "/q/openapi", management = true)
    URL management;

    private JsonPath document(String country, String role) {
        return as(country, role).accept("application/json").get(openapi + "?format=json").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("application/json")).extract().jsonPath();
    }

    @Test
    void shouldListEveryOperationWithItsMediaTypesAndProblemsWhenAFederationCertificateAsks() {
        JsonPath doc = document("AT", "node");
        doc.setRootPath("paths");
        org.hamcrest.MatcherAssert.assertThat(doc.getMap(""), org.hamcrest.Matchers.allOf(
                hasKey("/federation/v1/envelopes"), hasKey("/local/v1/envelopes"), hasKey("/local/v1/envelopes/{messageId}"),
                hasKey("/local/v1/dead-letters"), hasKey("/local/v1/dead-letters/{messageId}/retry"),
                hasKey("/local/v1/agreements")));
        String federation = "'/federation/v1/envelopes'.post.";
        org.hamcrest.MatcherAssert.assertThat(doc.getMap(federation + "requestBody.content"), org.hamcrest.Matchers.allOf(
                hasKey("application/trm-envelope+jws"), hasKey("application/trm-envelope-batch+json")));
        org.hamcrest.MatcherAssert.assertThat(doc.getMap(federation + "responses"), org.hamcrest.Matchers.allOf(
                hasKey("200"), hasKey("202"), hasKey("400"), hasKey("403"), hasKey("409"), hasKey("413"), hasKey("415"),
                hasKey("421"), hasKey("503")));
        org.hamcrest.MatcherAssert.assertThat(doc.getMap(federation + "responses.'403'.content.'application/problem+json'.examples"),
                org.hamcrest.Matchers.allOf(hasKey("no-agreement"), hasKey("sender-mismatch"), hasKey("gateway:caller-not-allowed")));
        org.hamcrest.MatcherAssert.assertThat(doc.getString(federation + "responses.'421'.content.'application/problem+json'"
                + ".examples.not-served-here.value.type"), is("urn:trm:problem:not-served-here"));
        // The own node's endpoint serves this country only: no recipient is "not served here".
        org.hamcrest.MatcherAssert.assertThat(doc.getMap("'/local/v1/envelopes'.post.responses"),
                org.hamcrest.Matchers.not(hasKey("421")));
        org.hamcrest.MatcherAssert.assertThat(doc.getMap("'/local/v1/dead-letters/{messageId}/retry'.post.responses"),
                org.hamcrest.Matchers.allOf(hasKey("202"), hasKey("404"), hasKey("409")));
        org.hamcrest.MatcherAssert.assertThat(doc.getString("'/local/v1/dead-letters/{messageId}/retry'.post.responses"
                + ".'409'.content.'application/problem+json'.examples.'gateway:not-dead'.value.type"),
                is("urn:trm:problem:gateway:not-dead"));
        org.hamcrest.MatcherAssert.assertThat(doc.getString("'/local/v1/envelopes/{messageId}'.get.responses.'200'"
                + ".content.'application/json'.schema.'$ref'"), notNullValue());
    }

    @Test
    void shouldServeTheSameDocumentToAPartnersGatewayWhenItAsks() {
        org.hamcrest.MatcherAssert.assertThat(document("BG", "gateway").getMap("components.schemas"),
                org.hamcrest.Matchers.allOf(hasKey("Problem"), hasKey("MessageStatus"), hasKey("BatchOutcome"),
                        hasKey("EnvelopeBatch")));
        org.hamcrest.MatcherAssert.assertThat(document("BG", "gateway").getList("components.schemas.Problem.required"),
                hasItems("type", "title", "status"));
    }

    @Test
    void shouldNotServeTheDocumentWhenAskedOnTheManagementPort() {
        given().get(management).then().statusCode(404);
    }
}
