package org.trm.gateway.security;

import static org.hamcrest.Matchers.is;
import static org.trm.testkit.pki.Federation.as;
import static org.trm.testkit.pki.Federation.envelope;
import static org.trm.testkit.pki.Federation.post;
import static org.trm.testkit.pki.Federation.signed;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.code.MessageType;

/**
 * The roles a certificate maps to on the AT gateway, over real mTLS: a refusal says whether the
 * certificate's role or only its country did not fit, as it did when each endpoint checked by hand.
 */
@QuarkusTest
class CertificateRolesTest {
    private static final String NOT_ALLOWED = "urn:trm:problem:gateway:caller-not-allowed";

    @TestHTTPResource(value = "/", tls = true)
    URL url;

    private String at(String path) {
        return url.toString().replaceAll("/$", "") + path;
    }

    @Test
    void shouldNameTheCountryWhenTheRoleFitsButTheCountryDoesNot() {
        post(as("BG", "node"), signed(envelope("BG", "AT", MessageType.REFERRAL))).post(at("/local/v1/envelopes"))
                .then().statusCode(403).contentType(MediaTypes.PROBLEM_JSON).body("type", is(NOT_ALLOWED))
                .body("detail", is("a node certificate of BG may not call this endpoint"))
                .body("instance", is("/local/v1/envelopes")).body("hop", is("gateway.AT"));
        as("BG", "operator").get(at("/local/v1/envelopes/" + UUID.randomUUID())).then().statusCode(403)
                .body("type", is(NOT_ALLOWED)).body("detail", is("a operator certificate of BG may not call this endpoint"));
    }

    @Test
    void shouldSayTheRoleDoesNotFitWhenTheCertificateIsOfAnotherRole() {
        post(as("AT", "gateway"), signed(envelope("AT", "BG", MessageType.REFERRAL))).post(at("/local/v1/envelopes"))
                .then().statusCode(403).body("type", is(NOT_ALLOWED))
                .body("detail", is("the certificate's role may not call this endpoint"));
        post(as("AT", "operator"), signed(envelope("AT", "BG", MessageType.REFERRAL))).post(at("/local/v1/envelopes"))
                .then().statusCode(403).body("type", is(NOT_ALLOWED))
                .body("detail", is("the certificate's role may not call this endpoint"));
    }

    @Test
    void shouldNotTakeTheOwnCountrysGatewayForAPeerWhenItPostsToTheFederationEndpoint() {
        post(as("AT", "gateway"), signed(envelope("AT", "BG", MessageType.REFERRAL))).post(at("/federation/v1/envelopes"))
                .then().statusCode(403).body("type", is(NOT_ALLOWED))
                .body("detail", is("a gateway certificate of AT may not call this endpoint"));
    }

    @Test
    void shouldLetTheOwnNodeAndOperatorFollowAMessageWhenTheyAsk() {
        UUID unknown = UUID.randomUUID();
        as("AT", "node").get(at("/local/v1/envelopes/" + unknown)).then().statusCode(404)
                .body("type", is("urn:trm:problem:gateway:not-found"));
        as("AT", "operator").get(at("/local/v1/envelopes/" + unknown)).then().statusCode(404)
                .body("type", is("urn:trm:problem:gateway:not-found"));
        as("AT", "operator").get(at("/local/v1/agreements")).then().statusCode(200);
    }
}
