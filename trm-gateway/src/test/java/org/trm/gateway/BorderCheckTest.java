package org.trm.gateway;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.is;
import static org.trm.testkit.pki.Federation.as;
import static org.trm.testkit.pki.Federation.envelope;
import static org.trm.testkit.pki.Federation.post;
import static org.trm.testkit.pki.Federation.signed;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.trm.model.envelope.Envelope;
import org.trm.model.envelope.EnvelopeBatch;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.code.MessageType;
import org.trm.model.crypto.Digests;
import org.trm.model.json.Json;
import org.trm.testkit.pki.Federation;
import org.trm.testkit.pki.Pki;

/**
 * The AT gateway's borders over real mTLS with the pki-generated certificates: each refusal has
 * its own problem type, and a refused message is not stored (its status is 404 afterwards).
 */
@QuarkusTest
class BorderCheckTest {
    private static final String FEDERATION = "/federation/v1/envelopes";
    private static final String LOCAL = "/local/v1/envelopes";

    @TestHTTPResource(value = "/", tls = true)
    URL url;

    private String at(String path) {
        return url.toString().replaceAll("/$", "") + path;
    }

    private void assertNotStored(UUID id) {
        as("AT", "node").get(at(LOCAL + "/" + id)).then().statusCode(404)
                .contentType(MediaTypes.PROBLEM_JSON).body("type", is("urn:trm:problem:gateway:not-found"));
    }

    private void assertRefused(String country, String role, String path, String jws, int status, String slug, UUID id) {
        post(as(country, role), jws).post(at(path)).then().statusCode(status)
                .contentType(MediaTypes.PROBLEM_JSON)
                .body("type", is("urn:trm:problem:" + slug))
                .body("status", is(status))
                .body("hop", is("gateway.AT"))
                .body("title", org.hamcrest.Matchers.notNullValue());
        if (id != null) {
            assertNotStored(id);
        }
    }

    @Test
    void shouldAcceptEnvelopeFromPeerGatewayAndAnswerResendWithItsState() {
        Envelope e = envelope("BG", "AT", MessageType.REFERRAL);
        String jws = signed(e);
        post(as("BG", "gateway"), jws).post(at(FEDERATION)).then().statusCode(202)
                .body("messageId", is(e.messageId().toString())).body("state", is("ACCEPTED"))
                .body("direction", is("INBOUND")).body("sha256", is(Digests.sha256Hex(jws)));
        post(as("BG", "gateway"), jws).post(at(FEDERATION)).then().statusCode(200)
                .body("messageId", is(e.messageId().toString()));
        as("AT", "node").get(at(LOCAL + "/" + e.messageId())).then().statusCode(200)
                .body("from", is("BG")).body("to", is("AT")).body("type", is("REFERRAL"));
    }

    @Test
    void shouldRefuseSameIdWithOtherBytesAsConflictAndKeepTheFirst() {
        Envelope first = envelope("BG", "AT", MessageType.REFERRAL);
        String jws = signed(first);
        post(as("BG", "gateway"), jws).post(at(FEDERATION)).then().statusCode(202);
        Envelope other = envelope(first.messageId(), "BG", "AT", MessageType.CASE_UPDATE,
                first.createdAt(), Duration.ofDays(7));
        assertRefused("BG", "gateway", FEDERATION, signed(other), 409, "duplicate-conflict", null);
        as("AT", "node").get(at(LOCAL + "/" + first.messageId())).then().statusCode(200)
                .body("type", is("REFERRAL")).body("sha256", is(Digests.sha256Hex(jws)));
    }

    @Test
    void shouldRefuseForgedSignature() {
        Envelope e = envelope("BG", "AT", MessageType.REFERRAL);
        assertRefused("BG", "gateway", FEDERATION, forged(e), 400, "bad-signature", e.messageId());
    }

    @Test
    void shouldRefuseGatewayOfOneCountrySendingForAnother() {
        Envelope e = envelope("RO", "AT", MessageType.REFERRAL);
        assertRefused("BG", "gateway", FEDERATION, signed(e), 403, "sender-mismatch", e.messageId());
    }

    @Test
    void shouldRefuseWithoutAgreement() {
        Envelope e = envelope("RO", "AT", MessageType.REFERRAL);
        assertRefused("RO", "gateway", FEDERATION, signed(e), 403, "no-agreement", e.messageId());
    }

    @Test
    void shouldRefuseExpiredEnvelope() {
        Envelope e = envelope(UUID.randomUUID(), "BG", "AT", MessageType.REFERRAL,
                Instant.now().minus(Duration.ofDays(2)), Duration.ofDays(1));
        assertRefused("BG", "gateway", FEDERATION, signed(e), 400, "expired", e.messageId());
    }

    @Test
    void shouldRefuseOversizedEnvelope() {
        Envelope e = envelope("BG", "AT", MessageType.REFERRAL);
        // Past what a node reads in one delivery (64 KiB), far below the 16 MB the gateway reads at all.
        String big = signed(e) + "A".repeat(70_000);
        assertRefused("BG", "gateway", FEDERATION, big, 413, "too-large", e.messageId());
    }

    @Test
    void shouldRefuseOtherMediaTypeAndMalformedBody() {
        Envelope e = envelope("BG", "AT", MessageType.REFERRAL);
        as("BG", "gateway").contentType("application/json").body(signed(e).getBytes()).post(at(FEDERATION)).then()
                .statusCode(415).contentType(MediaTypes.PROBLEM_JSON)
                .body("type", is("urn:trm:problem:unsupported-media-type"));
        assertNotStored(e.messageId());
        assertRefused("BG", "gateway", FEDERATION, "not.a-jws", 400, "malformed", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/trm-envelope+jwsX", "application/trm-envelope+jws-batch+json",
            "application/trm-envelope", "text/plain", ""})
    void shouldRefuseEveryMediaTypeButTheExactOne(String contentType) throws Exception {
        Envelope e = envelope("BG", "AT", MessageType.REFERRAL);
        HttpResponse<String> response = raw(contentType, signed(e));
        assertEquals(415, response.statusCode(), contentType);
        assertEquals(MediaTypes.PROBLEM_JSON, response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("urn:trm:problem:unsupported-media-type"), response.body());
        assertNotStored(e.messageId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/trm-envelope+jws; charset=us-ascii", "Application/TRM-Envelope+JWS"})
    void shouldTakeTheExactMediaTypeWithParametersAndInAnyCase(String contentType) throws Exception {
        assertEquals(202, raw(contentType, signed(envelope("BG", "AT", MessageType.REFERRAL))).statusCode());
    }

    /** Exactly this request, without any header the HTTP library would add ({@code ""}: no Content-Type). */
    private HttpResponse<String> raw(String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(at(FEDERATION)))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        return HttpClient.newBuilder().sslContext(Pki.TEST.sslContext("BG", "gateway")).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldRefuseABodyAboveWhatTheGatewayReadsWithAProblem() throws Exception {
        byte[] huge = new byte[17 << 20];
        java.util.Arrays.fill(huge, (byte) 'A');
        // Declared too large (Content-Length), and chunked (an input stream has no known length).
        for (HttpRequest.BodyPublisher body : List.of(HttpRequest.BodyPublishers.ofByteArray(huge),
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge)))) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(at(FEDERATION)))
                    .header("Content-Type", MediaTypes.ENVELOPE_JWS).POST(body).build();
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(Pki.TEST.sslContext("BG", "gateway")).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(413, response.statusCode());
            assertEquals(MediaTypes.PROBLEM_JSON, response.headers().firstValue("Content-Type").orElse(""));
            assertEquals("urn:trm:problem:too-large", Json.read(response.body(), java.util.Map.class).get("type"));
            assertEquals("gateway.AT", Json.read(response.body(), java.util.Map.class).get("hop"));
        }
    }

    @Test
    void shouldTakeAChunkedEnvelopeBelowTheLimit() throws Exception {
        byte[] jws = signed(envelope("BG", "AT", MessageType.REFERRAL)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        HttpRequest request = HttpRequest.newBuilder(URI.create(at(FEDERATION))).header("Content-Type", MediaTypes.ENVELOPE_JWS)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(jws))).build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(Pki.TEST.sslContext("BG", "gateway")).build().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
    }

    @Test
    void shouldReadTheEnvelopeJsonBeforeItsSignature() {
        // The caller check needs the envelope's from (PROTOCOL.md §10.2): JSON that breaks §3 is
        // malformed here even under a signature that does not cover it.
        String[] p = signed(envelope("BG", "AT", MessageType.REFERRAL)).split("\\.");
        String json = new String(java.util.Base64.getUrlDecoder().decode(p[1]), java.nio.charset.StandardCharsets.UTF_8);
        String broken = json.replace("\"to\":\"AT\"", "\"to\":\"BG\"");
        assertTrue(!broken.equals(json), json);
        String payload = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(broken.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertRefused("BG", "gateway", FEDERATION, p[0] + "." + payload + "." + p[2], 400, "malformed", null);
    }

    @Test
    void shouldRefuseRecipientNotServedHere() {
        Envelope e = envelope("BG", "RO", MessageType.REFERRAL);
        assertRefused("BG", "gateway", FEDERATION, signed(e), 421, "not-served-here", e.messageId());
    }

    @Test
    void shouldRefuseNodeCertificateOnFederationEndpoint() {
        Envelope e = envelope("BG", "AT", MessageType.REFERRAL);
        post(as("BG", "node"), signed(e)).post(at(FEDERATION)).then().statusCode(403)
                .contentType(MediaTypes.PROBLEM_JSON).body("type", is("urn:trm:problem:gateway:caller-not-allowed"));
        assertNotStored(e.messageId());
    }

    @Test
    void shouldAcceptOutboundFromOwnNodeOnly() {
        Envelope e = envelope("AT", "BG", MessageType.REFERRAL);
        post(as("AT", "node"), signed(e)).post(at(LOCAL)).then().statusCode(202)
                .body("state", is("ACCEPTED")).body("direction", is("OUTBOUND"));

        Envelope foreign = envelope("BG", "AT", MessageType.REFERRAL);
        post(as("BG", "node"), signed(foreign)).post(at(LOCAL)).then().statusCode(403)
                .body("type", is("urn:trm:problem:gateway:caller-not-allowed"));
        assertNotStored(foreign.messageId());

        // The own node may only send as its own country.
        assertRefused("AT", "node", LOCAL, signed(foreign), 403, "sender-mismatch", foreign.messageId());
        Envelope toRo = envelope("AT", "RO", MessageType.REFERRAL);
        assertRefused("AT", "node", LOCAL, signed(toRo), 403, "no-agreement", toRo.messageId());
        Envelope toFr = envelope("AT", "FR", MessageType.REFERRAL);
        assertRefused("AT", "node", LOCAL, signed(toFr), 400, "unknown-recipient", toFr.messageId());
        post(as("AT", "gateway"), signed(envelope("AT", "BG", MessageType.REFERRAL))).post(at(LOCAL)).then()
                .statusCode(403).body("type", is("urn:trm:problem:gateway:caller-not-allowed"));
    }

    @Test
    void shouldLetOnlyTheOwnOperatorAndNodeSeeDeadLetters() {
        as("AT", "operator").get(at("/local/v1/dead-letters")).then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.greaterThanOrEqualTo(0));
        // The node asks for its administrators (their console reaches the gateway through it).
        as("AT", "node").get(at("/local/v1/dead-letters")).then().statusCode(200);
        as("BG", "gateway").get(at("/local/v1/dead-letters")).then().statusCode(403)
                .contentType(MediaTypes.PROBLEM_JSON).body("type", is("urn:trm:problem:gateway:caller-not-allowed"));
        as("BG", "operator").get(at("/local/v1/dead-letters")).then().statusCode(403);
        as("AT", "operator").post(at("/local/v1/dead-letters/" + UUID.randomUUID() + "/retry")).then()
                .statusCode(404).body("status", equalTo(404));
    }

    @Test
    void shouldShowTheOwnNodeAndOperatorTheFederationWhenAskedForOperations() {
        as("AT", "node").get(at("/local/v1/operations")).then().statusCode(200).contentType("application/json")
                .body("country", is("AT")).body("partners.country", org.hamcrest.Matchers.hasItems("BG", "RO"))
                .body("partners.country", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("AT")))
                .body("directoryVersion", org.hamcrest.Matchers.notNullValue())
                .body("certificates.size()", org.hamcrest.Matchers.greaterThan(0))
                .body("deadLetters", org.hamcrest.Matchers.greaterThanOrEqualTo(0))
                // Its readiness as the probe sees it: the database, the directory and the certificates.
                .body("health.status", is("UP"))
                .body("health.checks.name", org.hamcrest.Matchers.hasItems("federation-directory", "certificates"))
                .body("health.checks.find { it.name == 'certificates' }.data.expiringSoon", is(false));
        as("AT", "operator").get(at("/local/v1/operations")).then().statusCode(200);
        as("BG", "gateway").get(at("/local/v1/operations")).then().statusCode(403)
                .contentType(MediaTypes.PROBLEM_JSON).body("type", is("urn:trm:problem:gateway:caller-not-allowed"));
        as("AT", "node").post(at("/local/v1/operations/ping/XX")).then().statusCode(404)
                .contentType(MediaTypes.PROBLEM_JSON).body("type", is("urn:trm:problem:gateway:not-found"));
        // No BG gateway runs beside this test: the ping says so instead of failing.
        as("AT", "node").post(at("/local/v1/operations/ping/BG")).then().statusCode(200)
                .body("country", is("BG")).body("reached", is(false));
    }

    @Test
    void shouldAnswerAPeerGatewaysPingWithBothCountriesAsTheCertificatesSay() {
        as("BG", "gateway").contentType("application/json").body("{}").post(at("/federation/v1/ping")).then()
                .statusCode(200).body("country", is("AT")).body("caller", is("BG"));
        as("AT", "node").contentType("application/json").body("{}").post(at("/federation/v1/ping")).then()
                .statusCode(403).contentType(MediaTypes.PROBLEM_JSON);
    }

    @Test
    void shouldAnswerBadRequestForAQueryParameterOfTheWrongTypeAndNotFoundForSuchAPath() {
        as("AT", "operator").queryParam("limit", "<script>").get(at("/local/v1/dead-letters")).then().statusCode(400)
                .contentType(MediaTypes.PROBLEM_JSON).body("type", is("urn:trm:problem:gateway:bad-request"))
                .body("detail", is("query parameter 'limit' must be a number"));
        as("AT", "operator").post(at("/local/v1/dead-letters/not-a-uuid/retry")).then().statusCode(404)
                .contentType(MediaTypes.PROBLEM_JSON).body("type", is("urn:trm:problem:gateway:not-found"));
        as("AT", "node").get(at(LOCAL + "/not-a-uuid")).then().statusCode(404)
                .contentType(MediaTypes.PROBLEM_JSON).body("type", is("urn:trm:problem:gateway:not-found"));
    }

    /** The envelope signed by its sender, with the signature of another country's key under the sender's kid. */
    private static String forged(Envelope e) {
        String jws = signed(e);
        String other = Federation.sign(e, "RO");
        return jws.substring(0, jws.lastIndexOf('.')) + other.substring(other.lastIndexOf('.'));
    }

    private static RequestSpecification batch(RequestSpecification request, String... envelopes) {
        return request.contentType(MediaTypes.ENVELOPE_BATCH).body(Json.write(new EnvelopeBatch(List.of(envelopes))));
    }

    @Test
    void shouldCheckEachEnvelopeOfABatchOnItsOwnAndStoreOnlyThoseThatPass() {
        Envelope good = envelope("BG", "AT", MessageType.REFERRAL);
        Envelope foreign = envelope("RO", "AT", MessageType.REFERRAL);
        Envelope forgedEnvelope = envelope("BG", "AT", MessageType.CASE_UPDATE);
        Envelope expired = envelope(UUID.randomUUID(), "BG", "AT", MessageType.REFERRAL,
                Instant.now().minus(Duration.ofDays(2)), Duration.ofDays(1));
        String goodJws = signed(good);

        batch(as("BG", "gateway"), goodJws, forged(forgedEnvelope), signed(foreign), signed(expired), "not.a-jws", goodJws)
                .post(at(FEDERATION)).then().statusCode(200).contentType("application/json")
                .body("results.size()", is(6))
                .body("results[0].status", is(202)).body("results[0].messageId", is(good.messageId().toString()))
                .body("results[0].state", is("ACCEPTED"))
                .body("results[1].status", is(400)).body("results[1].problem.type", is("urn:trm:problem:bad-signature"))
                .body("results[1].problem.hop", is("gateway.AT"))
                .body("results[2].status", is(403)).body("results[2].problem.type", is("urn:trm:problem:sender-mismatch"))
                .body("results[3].status", is(400)).body("results[3].problem.type", is("urn:trm:problem:expired"))
                .body("results[4].status", is(400)).body("results[4].problem.type", is("urn:trm:problem:malformed"))
                // The same envelope twice in one batch is stored once: the second is its resend.
                .body("results[5].status", is(200)).body("results[5].messageId", is(good.messageId().toString()));
        as("AT", "node").get(at(LOCAL + "/" + good.messageId())).then().statusCode(200)
                .body("sha256", is(Digests.sha256Hex(goodJws)));
        assertNotStored(forgedEnvelope.messageId());
        assertNotStored(foreign.messageId());
        assertNotStored(expired.messageId());
    }

    @Test
    void shouldRefuseMalformedOrOversizedBatchesAndBatchesFromTheWrongRole() {
        as("BG", "gateway").contentType(MediaTypes.ENVELOPE_BATCH).body("[\"not an object\"]").post(at(FEDERATION))
                .then().statusCode(400).contentType(MediaTypes.PROBLEM_JSON).body("type", is("urn:trm:problem:malformed"));
        Envelope e = envelope("BG", "AT", MessageType.REFERRAL);
        String[] tooMany = new String[257];
        java.util.Arrays.fill(tooMany, signed(e));
        batch(as("BG", "gateway"), tooMany).post(at(FEDERATION)).then().statusCode(413)
                .contentType(MediaTypes.PROBLEM_JSON).body("type", is("urn:trm:problem:too-large"));
        batch(as("BG", "node"), signed(e)).post(at(FEDERATION)).then().statusCode(403)
                .contentType(MediaTypes.PROBLEM_JSON).body("type", is("urn:trm:problem:gateway:caller-not-allowed"));
        assertNotStored(e.messageId());
    }

    @Test
    void shouldAcceptABatchFromTheOwnNodeOnly() {
        Envelope out = envelope("AT", "BG", MessageType.REFERRAL);
        Envelope other = envelope("AT", "BG", MessageType.CASE_UPDATE);
        batch(as("AT", "node"), signed(out), signed(other)).post(at(LOCAL)).then().statusCode(200)
                .body("results.status", org.hamcrest.Matchers.contains(202, 202));
        as("AT", "node").get(at(LOCAL + "/" + other.messageId())).then().statusCode(200)
                .body("direction", is("OUTBOUND")).body("type", is("CASE_UPDATE"));
        Envelope foreign = envelope("AT", "BG", MessageType.REFERRAL);
        batch(as("BG", "node"), signed(foreign)).post(at(LOCAL)).then().statusCode(403)
                .body("type", is("urn:trm:problem:gateway:caller-not-allowed"));
        assertNotStored(foreign.messageId());
    }
}
