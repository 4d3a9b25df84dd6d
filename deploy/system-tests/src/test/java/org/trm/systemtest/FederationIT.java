package org.trm.systemtest;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trm.testkit.Eventually.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.trm.testkit.process.LocalFederation;

/**
 * The federation as it runs: three countries (AT, BG, RO), each a node and a gateway as separate
 * processes with their own PostgreSQL databases, certificates and signed directory from deploy/pki,
 * and users with tokens from the real Keycloak. Everything is asserted on the nodes' public REST
 * APIs, on both sides. The directory has an agreement between AT and BG only, so RO is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederationIT {
    /** One hop takes well under a second; the patience covers a loaded machine and restarts. */
    private static final Duration DELIVERY = Duration.ofSeconds(90);
    private static final Duration AFTER_RESTART = Duration.ofMinutes(4);
    /** What the issue promises a coordinator: a refusal abroad shows within seconds, never days. */
    private static final Duration FAILURE_SIGNAL = Duration.ofSeconds(10);
    /** deploy/pki's keystore password (TRM_PKI_PASSWORD, else its demo value). */
    private static final String PKI_PASSWORD = System.getenv().getOrDefault("TRM_PKI_PASSWORD", "changeit");
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalFederation federation;
    private Coordinator at;
    private Coordinator bg;
    private Coordinator ro;

    @BeforeAll
    void startFederation() {
        federation = new LocalFederation(List.of("AT", "BG", "RO"));
        federation.up(true);
        at = coordinator("AT");
        bg = coordinator("BG");
        ro = coordinator("RO");
    }

    @AfterAll
    void stopFederation() {
        if (federation != null) {
            federation.stop();
        }
    }

    @Test
    @Order(1)
    void shouldCarryAReferralAndItsUpdatesBothWaysWhenTheVictimConsents() {
        // AT identifies a presumed victim of BG citizenship. Without consent nothing may leave.
        String caseId = at.createCase("BG");
        at.api().body(referral("BG")).post("/api/v1/cases/{id}/referrals", caseId)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:trm:problem:consent-required"));
        at.api().get("/api/v1/cases/{id}/referrals", caseId).then().statusCode(200).body("$", empty());

        String shareConsent = at.consent(caseId, "SHARE_WITH_COUNTRY", "BG");
        var queued = at.api().body(referral("BG")).post("/api/v1/cases/{id}/referrals", caseId)
                .then().statusCode(202).contentType(ContentType.JSON).extract().jsonPath();
        String conversation = queued.getString("conversationId");
        String referralId = queued.getString("messageId");
        String atReference = at.api().get("/api/v1/cases/{id}", caseId).then().statusCode(200).extract().path("reference");

        // BG receives it, pending, without personal data; AT holds BG's receipt.
        delivered(at, bg, conversation, referralId, DELIVERY);
        JsonPath incoming = bg.conversation(conversation);
        assertEquals("INBOUND", incoming.getString("direction"));
        assertEquals("PENDING", incoming.getString("status"));
        assertEquals("AT", incoming.getString("partner"));
        assertEquals("BG", incoming.getString("referral.citizenship"));
        assertEquals(atReference, incoming.getString("referral.senderCaseReference"));
        assertNull(incoming.get("referral.person"), "no personal data was asked for");
        List<String> pending = bg.api().get("/api/v1/referrals?direction=INBOUND&status=PENDING")
                .then().statusCode(200).extract().path("conversationId");
        assertTrue(pending.contains(conversation), "BG's coordinator sees the referral among the pending ones");

        // BG accepts: it opens its own case and AT learns its reference.
        bg.api().post("/api/v1/referrals/{id}/accept", conversation).then().statusCode(202);
        String response = lastOut(bg.conversation(conversation), "REFERRAL_RESPONSE");
        delivered(bg, at, conversation, response, DELIVERY);
        JsonPath bgSide = bg.conversation(conversation);
        assertEquals("ACCEPTED", bgSide.getString("status"));
        String bgReference = bgSide.getString("localCaseReference");
        assertNotNull(bgReference);
        bg.api().get("/api/v1/cases/{id}", bgSide.getString("localCaseId")).then().statusCode(200)
                .body("reference", startsWith("BG-")).body("citizenship", equalTo("BG"));
        assertEquals(atReference, bgSide.getString("partnerCaseReference"));
        JsonPath atSide = at.conversation(conversation);
        assertEquals("ACCEPTED", atSide.getString("status"));
        assertEquals(bgReference, atSide.getString("partnerCaseReference"));

        // Updates both ways.
        String fromBg = bg.send(conversation, Map.of("type", "CASE_UPDATE", "phase", "FIRST_ASSISTANCE",
                "servicesProvided", List.of("shelter", "psychological support"), "note", "placed in a shelter"));
        delivered(bg, at, conversation, fromBg, DELIVERY);
        assertEquals("FIRST_ASSISTANCE", message(at.conversation(conversation), fromBg).getString("summary.phase"));
        String fromAt = at.send(conversation, Map.of("type", "CASE_UPDATE", "proceedings", "criminal investigation opened"));
        delivered(at, bg, conversation, fromAt, DELIVERY);
        assertEquals("criminal investigation opened",
                message(bg.conversation(conversation), fromAt).getString("summary.proceedings"));

        // A return needs the victim's consent to return and a risk assessment, both on the sending side.
        at.consent(caseId, "RETURN", null);
        at.api().body(returnRequest()).post("/api/v1/referrals/{id}/messages", conversation)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:trm:problem:risk-assessment-required"));
        at.api().body(Map.of("kind", "RISK", "riskLevel", "LOW", "summary", "family supportive; no threat from the recruiters known"))
                .post("/api/v1/cases/{id}/assessments", caseId).then().statusCode(201);
        String returnId = at.send(conversation, returnRequest());
        delivered(at, bg, conversation, returnId, DELIVERY);
        assertEquals("RETURN_REQUEST", message(bg.conversation(conversation), returnId).getString("type"));

        // The victim withdraws her consent to share with BG: BG is told, and shows it.
        at.api().post("/api/v1/cases/{case}/consents/{consent}/withdraw", caseId, shareConsent)
                .then().statusCode(200).body("valid", equalTo(false));
        String withdrawal = lastOut(at.conversation(conversation), "CONSENT_WITHDRAWN");
        delivered(at, bg, conversation, withdrawal, DELIVERY);
        JsonPath withdrawn = bg.conversation(conversation);
        assertTrue(withdrawn.getBoolean("consentWithdrawn"));
        assertEquals("WITHDRAWN", withdrawn.getString("status"));
        assertEquals("WITHDRAWN", at.conversation(conversation).getString("status"));
        at.api().body(Map.of("type", "CASE_UPDATE", "note", "after the withdrawal"))
                .post("/api/v1/referrals/{id}/messages", conversation)
                .then().statusCode(409).contentType("application/problem+json");

        // Every message of the thread, either way, arrived once and was receipted with the hash of
        // exactly what the recipient received.
        List<String> sentByAt = List.of(referralId, fromAt, returnId, withdrawal);
        List<String> sentByBg = List.of(response, fromBg);
        assertThreadReceipted(at.conversation(conversation), bg.conversation(conversation), sentByAt);
        assertThreadReceipted(bg.conversation(conversation), at.conversation(conversation), sentByBg);
    }

    @Test
    @Order(2)
    void shouldRefuseAReferralWhenNoAgreementCoversTheCountry() {
        String caseId = at.createCase("RO");
        at.consent(caseId, "SHARE_WITH_COUNTRY", "RO");
        at.api().body(referral("RO")).post("/api/v1/cases/{id}/referrals", caseId)
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:trm:problem:no-agreement"));
        at.api().get("/api/v1/cases/{id}/referrals", caseId).then().statusCode(200).body("$", empty());
        ro.api().get("/api/v1/referrals?direction=INBOUND").then().statusCode(200).body("$", empty());
    }

    @Test
    @Order(3)
    void shouldDeliverEveryMessageExactlyOnceWhenAGatewayIsKilledAndANodeRestarted() {
        String conversation = referToBg().conversation();
        await(DELIVERY).until(() -> bg.conversation(conversation) != null);
        bg.api().post("/api/v1/referrals/{id}/accept", conversation).then().statusCode(202);
        await(DELIVERY).untilAsserted(() -> assertEquals("ACCEPTED", at.conversation(conversation).getString("status")));

        List<String> sent = new ArrayList<>();
        // A burst of updates, then AT's gateway dies with SIGKILL while it holds some of them.
        for (int i = 0; i < 5; i++) {
            sent.add(at.send(conversation, update("before the gateway was killed, " + i)));
        }
        federation.kill("AT", "gateway");
        for (int i = 0; i < 3; i++) {
            sent.add(at.send(conversation, update("while the gateway was down, " + i)));
        }
        federation.up(false);

        // BG's node goes away and comes back while more arrive for it.
        federation.stop("bg-node");
        for (int i = 0; i < 3; i++) {
            sent.add(at.send(conversation, update("while the BG node was down, " + i)));
        }
        federation.up(false);

        await(AFTER_RESTART).untilAsserted(() -> {
            JsonPath atSide = at.conversation(conversation);
            for (String id : sent) {
                assertEquals("RECEIPTED", message(atSide, id).getString("state"), "state of " + id);
            }
        });
        JsonPath bgSide = bg.conversation(conversation);
        List<String> received = bgSide.getList("messages.findAll { it.direction == 'INBOUND' && it.type == 'CASE_UPDATE' }.messageId");
        assertEquals(sent.size(), received.size(), "every update arrived, none twice: " + received);
        assertEquals(new HashSet<>(sent), Set.copyOf(received));
        assertThreadReceipted(at.conversation(conversation), bgSide, sent);
    }

    /**
     * BG's node comes back from an old backup (an empty database): it no longer knows the
     * conversation and refuses AT's next update as unknown-conversation. BG's gateway sends a signed
     * failure signal back, and within seconds AT's coordinator sees the update FAILED with BG's
     * reason on the thread and the case timeline, and AT's operator sees it DEAD at AT's gateway.
     */
    @Test
    @Order(4)
    void shouldShowTheSenderAMessageFailedWithItsReasonWithinSecondsWhenThePartnersNodeRefusesIt() {
        Referred referred = referToBg();
        String conversation = referred.conversation();
        delivered(at, bg, conversation, referred.messageId(), DELIVERY);
        federation.stop("bg-node");
        federation.up(true); // --fresh recreates the databases of the stopped components only: BG's node's

        String update = at.send(conversation, update("after BG's node was restored from an old backup"));

        await(FAILURE_SIGNAL).untilAsserted(() -> {
            JsonPath out = message(at.conversation(conversation), update);
            assertEquals("FAILED", out.getString("state"));
            assertTrue(out.getString("lastError").startsWith("failed at node.BG: urn:trm:problem:unknown-conversation"),
                    out.getString("lastError"));
            assertEquals("node.BG", out.getString("failure.hop"));
        });
        at.api().get("/api/v1/cases/{id}/events", referred.caseId()).then().statusCode(200)
                .body("type", org.hamcrest.Matchers.hasItem("TRANSNATIONAL_FAILED"));
        JsonPath status = federation.status();
        String pki = status.getString("pkiDir");
        io.restassured.RestAssured.given()
                .keyStore(new java.io.File(pki, "at/operator.p12"), PKI_PASSWORD)
                .trustStore(new java.io.File(pki, "truststore.p12"), PKI_PASSWORD)
                .get(status.getString("countries.AT.gatewayUrl") + "/local/v1/envelopes/{id}", update)
                .then().statusCode(200)
                .body("state", equalTo("DEAD"))
                .body("lastError", startsWith("failed at node.BG: urn:trm:problem:unknown-conversation"));
    }

    // --- helpers ------------------------------------------------------------------------------------

    /** A referral AT queued for BG: its case, conversation and message. */
    private record Referred(String caseId, String conversation, String messageId) {
    }

    /** AT opens a case of a BG citizen, with her consent to share it with BG, and refers it there. */
    private Referred referToBg() {
        String caseId = at.createCase("BG");
        at.consent(caseId, "SHARE_WITH_COUNTRY", "BG");
        JsonPath queued = at.api().body(referral("BG")).post("/api/v1/cases/{id}/referrals", caseId)
                .then().statusCode(202).extract().jsonPath();
        return new Referred(caseId, queued.getString("conversationId"), queued.getString("messageId"));
    }

    private Coordinator coordinator(String country) {
        return new Coordinator(country, federation.nodeUrl(country), federation.realmUrl(country));
    }

    /** Waits until the sender holds the recipient's receipt for the message and the recipient shows it. */
    private static void delivered(Coordinator from, Coordinator to, String conversation, String messageId, Duration patience) {
        await(patience).untilAsserted(() -> {
            JsonPath sender = from.conversation(conversation);
            assertNotNull(sender, from.country + " knows the conversation");
            JsonPath out = message(sender, messageId);
            assertEquals("RECEIPTED", out.getString("state"), from.country + "'s state of " + messageId);
            JsonPath recipient = to.conversation(conversation);
            assertNotNull(recipient, to.country + " knows the conversation");
            assertEquals("INBOUND", message(recipient, messageId).getString("direction"));
        });
    }

    /** Each message the sender sent is receipted, and the recipient holds it exactly once with the same hash. */
    private static void assertThreadReceipted(JsonPath sender, JsonPath recipient, List<String> messageIds) {
        for (String id : messageIds) {
            JsonPath out = message(sender, id);
            assertEquals("OUTBOUND", out.getString("direction"));
            assertEquals("RECEIPTED", out.getString("state"));
            String receiptHash = out.getString("receipt.sha256");
            assertNotNull(receiptHash, "the sender keeps the receipt of " + id);
            assertFalse(receiptHash.isBlank());
            List<Object> copies = recipient.getList("messages.findAll { it.messageId == '" + id + "' }");
            assertEquals(1, copies.size(), "the recipient holds " + id + " once");
            assertEquals(receiptHash, message(recipient, id).getString("receipt.sha256"),
                    "the receipt names the hash of what the recipient received");
        }
    }

    /** One message of a thread, as its own JSON document. */
    private static JsonPath message(JsonPath conversation, String messageId) {
        Map<String, Object> found = conversation.getMap("messages.find { it.messageId == '" + messageId + "' }");
        if (found == null) {
            throw new AssertionError("no message " + messageId + " in the thread");
        }
        return JsonPath.from(toJson(found));
    }

    /**
     * A partner's own implementation, written in another language from docs/PROTOCOL.md alone
     * (deploy/partner-client, Node.js and the npm jose library), stands in for AT's node: it signs
     * and encrypts a referral, hands it to AT's gateway over mTLS, and takes and checks BG's receipt
     * where a node takes receipts, at its inbox. AT's node is stopped so that the client can listen
     * on its port; this is the last test, the federation stops after it.
     */
    @Test
    @Order(5)
    void shouldCarryAReferralOfAPartnersClientWrittenFromTheProtocolAlone() throws Exception {
        JsonPath status = federation.status();
        URI inbox = URI.create(status.getString("countries.AT.nodeFederationUrl"));
        federation.stop("at-node");
        Process client = new ProcessBuilder("bash", federation.root().resolve("deploy/partner-client/run.sh").toString(),
                status.getString("pkiDir"), status.getString("countries.AT.gatewayUrl"),
                "--from", "AT", "--to", "BG", "--inbox", inbox.getHost() + ":" + inbox.getPort(), "--timeout", "240")
                .redirectErrorStream(true).start();
        client.getOutputStream().close();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(client.waitFor(5, TimeUnit.MINUTES), "the partner client did not finish:\n" + output);
        assertEquals(0, client.exitValue(), output);
        assertTrue(output.lines().anyMatch(l -> l.startsWith("OK REFERRAL") && l.contains("RECEIPTED")), output);
    }

    private static String lastOut(JsonPath conversation, String type) {
        List<String> ids = conversation.getList("messages.findAll { it.direction == 'OUTBOUND' && it.type == '" + type + "' }.messageId");
        if (ids.isEmpty()) {
            throw new AssertionError("no outgoing " + type + " in the thread");
        }
        return ids.get(ids.size() - 1);
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> referral(String to) {
        return Map.of("to", to, "reason", "AdditionalServicesRequired",
                "details", "needs shelter and psychological support", "includePersonalData", false);
    }

    private static Map<String, Object> returnRequest() {
        // Beyond the agreement's lead time (14 days in the local federation) whenever the test runs.
        return Map.of("type", "RETURN_REQUEST", "plannedDate", java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30)
                .toString(), "note", "voluntary, assisted return");
    }

    private static Map<String, Object> update(String note) {
        return Map.of("type", "CASE_UPDATE", "note", note);
    }
}
