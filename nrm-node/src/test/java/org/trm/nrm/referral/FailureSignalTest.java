package org.trm.nrm.referral;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.trm.nrm.support.Api.as;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.trm.model.code.FormOfExploitation;
import org.trm.model.code.Gender;
import org.trm.model.code.IdentificationStatus;
import org.trm.model.code.MessageType;
import org.trm.model.code.Phase;
import org.trm.model.code.ReferralReason;
import org.trm.model.crypto.Digests;
import org.trm.model.envelope.Envelope;
import org.trm.model.envelope.EnvelopeSigner;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.payload.DeliveryFailure;
import org.trm.model.payload.ReferralPayload;
import org.trm.nrm.support.Api;
import org.trm.nrm.support.TestTokens;

/**
 * Failure signals at node AT's inbox: a DELIVERY_FAILURE from a gateway about a message of this
 * node marks it FAILED with the reason, on the thread and the case timeline; one from anyone else,
 * about another message or another hash, is refused and changes nothing.
 */
@QuarkusTest
@TestProfile(FederationProfile.class)
class FailureSignalTest {
    @TestHTTPResource(tls = true)
    URL https;

    private final String coordinator = TestTokens.coordinator();

    /** A referral queued at AT for BG: its conversation, message id, hash and case. */
    private record Sent(String caseId, UUID conversation, UUID messageId, String sha256) {
    }

    private Sent referToBg() {
        Map<String, Object> body = new HashMap<>(Api.caseBody());
        body.put("citizenship", "BG");
        String caseId = as(coordinator).body(body).post("/api/v1/cases").then().statusCode(201).extract().path("id");
        as(coordinator).body(Map.of("scope", "SHARE_WITH_COUNTRY", "country", "BG", "givenBy", "VICTIM", "language", "bg",
                "interpreter", "Interpreter 1")).post("/api/v1/cases/" + caseId + "/consents").then().statusCode(201);
        JsonPath queued = as(coordinator).body(Map.of("to", "BG", "reason", "AdditionalServicesRequired"))
                .post("/api/v1/cases/" + caseId + "/referrals").then().statusCode(202).extract().jsonPath();
        UUID conversation = UUID.fromString(queued.getString("conversationId"));
        JsonPath thread = thread(conversation);
        return new Sent(caseId, conversation, UUID.fromString(thread.getString("messages[0].messageId")),
                thread.getString("messages[0].sha256"));
    }

    private static JsonPath thread(UUID conversation) {
        return as(TestTokens.coordinator()).get("/api/v1/referrals/" + conversation).then().statusCode(200)
                .extract().jsonPath();
    }

    private static String signal(String from, PublicJsonWebKey key, UUID conversation, UUID messageId, String sha256,
            String hop) {
        DeliveryFailure failure = new DeliveryFailure(1, messageId, sha256, hop, "urn:trm:problem:unknown-conversation",
                "HTTP 409", Instant.now());
        return new EnvelopeSigner(key).sign(Envelope.create(MessageType.DELIVERY_FAILURE, from, "AT", conversation,
                messageId, Instant.now(), Duration.ofDays(7), failure.toBody()));
    }

    private void refused(String jws, int status, String type, Sent sent) {
        PartnerNode.deliver(https, "at/gateway", jws).then().statusCode(status).contentType(MediaTypes.PROBLEM_JSON)
                .body("type", equalTo("urn:trm:problem:" + type)).body("hop", equalTo("node.AT"));
        JsonPath thread = thread(sent.conversation());
        org.junit.jupiter.api.Assertions.assertEquals("QUEUED", thread.getString("messages[0].state"),
                "a refused signal changes nothing");
        org.junit.jupiter.api.Assertions.assertEquals(1, thread.getList("messages").size());
    }

    @Test
    void shouldMarkTheMessageFailedWithTheReasonWhenThePartnersGatewayReportsItsDeath() {
        Sent sent = referToBg();
        String jws = signal("BG", FederationProfile.PKI.gatewaySigningKey("BG"), sent.conversation(), sent.messageId(),
                sent.sha256(), "node.BG");

        PartnerNode.deliver(https, "at/gateway", jws).then().statusCode(204);
        PartnerNode.deliver(https, "at/gateway", jws).then().statusCode(204);

        as(coordinator).get("/api/v1/referrals/" + sent.conversation()).then().statusCode(200)
                .body("messages[0].state", equalTo("FAILED"))
                .body("messages[0].lastError", startsWith("failed at node.BG: urn:trm:problem:unknown-conversation"))
                .body("messages[0].failure.hop", equalTo("node.BG"))
                .body("messages[0].failure.problem", equalTo("urn:trm:problem:unknown-conversation"))
                .body("messages[0].failure.title", equalTo("The message refers to a conversation this node never joined"))
                .body("messages[1].type", equalTo("DELIVERY_FAILURE"))
                .body("messages[1].direction", equalTo("INBOUND"))
                .body("messages.size()", equalTo(2));
        as(coordinator).get("/api/v1/cases/" + sent.caseId() + "/events").then().statusCode(200)
                .body("type", hasItem("TRANSNATIONAL_FAILED"));
    }

    @Test
    void shouldTakeTheSignalOfTheOwnGatewayFromTheOwnCountry() {
        Sent sent = referToBg();
        PartnerNode.deliver(https, "at/gateway", signal("AT", FederationProfile.PKI.gatewaySigningKey("AT"),
                sent.conversation(), sent.messageId(), sent.sha256(), "gateway.AT")).then().statusCode(204);
        as(coordinator).get("/api/v1/referrals/" + sent.conversation()).then().statusCode(200)
                .body("messages[0].state", equalTo("FAILED"))
                .body("messages[0].lastError", startsWith("failed at gateway.AT"));
    }

    @Test
    void shouldRefuseASignalWithAnotherHashOrAboutAnotherMessage() {
        Sent sent = referToBg();
        PublicJsonWebKey bg = FederationProfile.PKI.gatewaySigningKey("BG");
        refused(signal("BG", bg, sent.conversation(), sent.messageId(), Digests.sha256Hex("other"), "node.BG"), 400,
                "malformed", sent);
        refused(signal("BG", bg, sent.conversation(), UUID.randomUUID(), sent.sha256(), "node.BG"), 409,
                "unknown-conversation", sent);
        refused(signal("BG", bg, UUID.randomUUID(), sent.messageId(), sent.sha256(), "node.BG"), 409,
                "unknown-conversation", sent);
    }

    @Test
    void shouldRefuseASignalFromAWrongSenderOrSignedByANodeKey() {
        Sent sent = referToBg();
        refused(signal("BG", FederationProfile.PKI.signingKey("BG"), sent.conversation(), sent.messageId(), sent.sha256(),
                "node.BG"), 400, "key-role-mismatch", sent);
        // RO was never sent the message (and has no agreement with AT): it has nothing to report.
        refused(signal("RO", FederationProfile.PKI.gatewaySigningKey("RO"), sent.conversation(), sent.messageId(),
                sent.sha256(), "node.RO"), 403, "no-agreement", sent);
        // A gateway's key speaks for its gateway only: a signal from AT's gateway must come from AT.
        refused(signal("BG", FederationProfile.PKI.gatewaySigningKey("AT"), sent.conversation(), sent.messageId(),
                sent.sha256(), "node.BG"), 400, "key-not-of-sender", sent);
    }

    @Test
    void shouldNoteOnTheReceivedMessageThatItsReceiptDied() {
        UUID conversation = UUID.randomUUID();
        String referral = new PartnerNode("BG").envelope(MessageType.REFERRAL, conversation, referral(null));
        String receipt = PartnerNode.deliver(https, "at/gateway", referral).then().statusCode(200).extract().asString();
        Envelope r = EnvelopeVerifier.peek(receipt);

        PartnerNode.deliver(https, "at/gateway", signal("BG", FederationProfile.PKI.gatewaySigningKey("BG"), conversation,
                r.messageId(), Digests.sha256Hex(receipt), "node.BG")).then().statusCode(204);

        as(coordinator).get("/api/v1/referrals/" + conversation).then().statusCode(200)
                .body("messages[0].state", equalTo("RECEIVED"))
                .body("messages[0].lastError", startsWith("its receipt failed at node.BG"));
    }

    @Test
    void shouldAuditPersonalDataReceivedFromAbroadWhenItIsStored() {
        int before = auditEntries("RECEIVE");
        PartnerNode.deliver(https, "at/gateway", new PartnerNode("BG").envelope(MessageType.REFERRAL, UUID.randomUUID(),
                referral(new ReferralPayload.SharedPerson("Maria", "Ivanova", "1999-04-01")))).then().statusCode(200);
        PartnerNode.deliver(https, "at/gateway", new PartnerNode("BG").envelope(MessageType.REFERRAL, UUID.randomUUID(),
                referral(null))).then().statusCode(200);
        org.junit.jupiter.api.Assertions.assertEquals(before + 1, auditEntries("RECEIVE"),
                "one entry for the referral with personal data, none for the one without");
        as(TestTokens.auditor()).get("/api/v1/audit/verify").then().statusCode(200).body("valid", equalTo(true));
    }

    private static int auditEntries(String action) {
        List<String> actions = as(TestTokens.auditor()).get("/api/v1/audit?size=500").then().statusCode(200)
                .extract().jsonPath().getList("items.action");
        long total = as(TestTokens.auditor()).get("/api/v1/audit?size=1").then().extract().jsonPath().getLong("total");
        int pages = (int) ((total + 499) / 500);
        int count = 0;
        for (int p = 0; p < pages; p++) {
            List<String> page = p == 0 ? actions : as(TestTokens.auditor()).get("/api/v1/audit?size=500&page=" + p).then()
                    .statusCode(200).extract().jsonPath().getList("items.action");
            count += (int) page.stream().filter(action::equals).count();
        }
        return count;
    }

    private static ReferralPayload referral(ReferralPayload.SharedPerson person) {
        return new ReferralPayload(PartnerNode.version(), "BG-2026-000077", ReferralReason.MIGRATION_OR_CHANGE_OF_LOCATION,
                "moved to AT", IdentificationStatus.IDENTIFIED, List.of(FormOfExploitation.LABOUR), "BG", "AT",
                Gender.FEMALE, "25-34", false, Phase.FIRST_ASSISTANCE, List.of(), person, null);
    }
}
