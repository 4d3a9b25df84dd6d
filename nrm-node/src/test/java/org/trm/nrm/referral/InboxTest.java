package org.trm.nrm.referral;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.trm.nrm.support.Api.as;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.trm.model.code.FormOfExploitation;
import org.trm.model.code.Gender;
import org.trm.model.code.IdentificationStatus;
import org.trm.model.code.Phase;
import org.trm.model.code.ReferralReason;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.code.MessageType;
import org.trm.model.payload.CaseUpdatePayload;
import org.trm.model.payload.ReferralPayload;
import org.trm.nrm.security.Roles;
import org.trm.nrm.support.TestTokens;

/** What the federation delivers to node AT: taken once and receipted, or refused with nothing changed. */
@QuarkusTest
@TestProfile(FederationProfile.class)
class InboxTest {
    @TestHTTPResource(tls = true)
    URL https;

    private final PartnerNode bg = new PartnerNode("BG");

    private static ReferralPayload referral(ReferralPayload.SharedPerson person) {
        return new ReferralPayload(PartnerNode.version(), "BG-2026-000042", ReferralReason.MIGRATION_OR_CHANGE_OF_LOCATION,
                "moved to AT", IdentificationStatus.IDENTIFIED, List.of(FormOfExploitation.LABOUR), "BG", "AT",
                Gender.FEMALE, "25-34", false, Phase.FIRST_ASSISTANCE, List.of(), person, null);
    }

    private static int incoming() {
        return as(TestTokens.coordinator()).get("/api/v1/referrals?direction=INBOUND").then().statusCode(200)
                .extract().jsonPath().getList("$").size();
    }

    private void refused(String certificate, String jws, int status, String type) {
        int before = incoming();
        PartnerNode.deliver(https, certificate, jws).then().statusCode(status)
                .contentType(MediaTypes.PROBLEM_JSON)
                .body("type", equalTo("urn:trm:problem:" + type))
                .body("hop", equalTo("node.AT"));
        assertEquals(before, incoming(), "a refused delivery must change nothing");
    }

    @Test
    void shouldApplyReferralOnceAndAnswerWithSignedReceipt() {
        UUID conversation = UUID.randomUUID();
        String jws = bg.envelope(MessageType.REFERRAL, conversation,
                referral(new ReferralPayload.SharedPerson("Maria", "Ivanova", "1999-04-01")));

        String receipt = PartnerNode.deliver(https, "at/gateway", jws).then().statusCode(200)
                .contentType(MediaTypes.ENVELOPE_JWS).extract().asString();
        bg.verifyReceipt(receipt, jws);
        String again = PartnerNode.deliver(https, "at/gateway", jws).then().statusCode(200).extract().asString();
        assertEquals(receipt, again, "a redelivery is answered with the same receipt and applied once");

        as(TestTokens.coordinator()).get("/api/v1/referrals/" + conversation).then().statusCode(200)
                .body("direction", equalTo("INBOUND"))
                .body("status", equalTo("PENDING"))
                .body("partner", equalTo("BG"))
                .body("partnerCaseReference", equalTo("BG-2026-000042"))
                .body("referral.person.lastName", equalTo("Ivanova"))
                .body("messages", hasSize(1))
                .body("messages[0].state", equalTo("RECEIVED"))
                .body("messages[0].summary.person", nullValue())
                .body("messages[0].receipt.jws", equalTo(receipt));
        as(TestTokens.auditor()).get("/api/v1/referrals/" + conversation).then().statusCode(200)
                .body("referral.person", nullValue());
    }

    @Test
    void shouldTakeEachEnvelopeOfABatchAsIfItCameAlone() {
        String first = bg.envelope(MessageType.REFERRAL, UUID.randomUUID(), referral(null));
        String second = bg.envelope(MessageType.REFERRAL, UUID.randomUUID(), referral(null));
        String expired = bg.envelope(MessageType.REFERRAL, UUID.randomUUID(), referral(null), PartnerNode.encryptionKeyOf("AT"),
                Instant.now().minus(Duration.ofDays(8)));
        int before = incoming();

        var outcome = PartnerNode.deliverBatch(https, "at/gateway", List.of(first, expired, second, first)).then()
                .statusCode(200).body("results", hasSize(4))
                .body("results[0].status", equalTo(200))
                .body("results[1].status", equalTo(400))
                .body("results[1].problem.type", equalTo("urn:trm:problem:expired"))
                .body("results[1].problem.hop", equalTo("node.AT"))
                .body("results[1].receipt", nullValue())
                .body("results[2].status", equalTo(200))
                .body("results[3].status", equalTo(200))
                .extract().jsonPath();

        bg.verifyReceipt(outcome.getString("results[0].receipt"), first);
        bg.verifyReceipt(outcome.getString("results[2].receipt"), second);
        assertEquals(outcome.getString("results[0].receipt"), outcome.getString("results[3].receipt"),
                "the same envelope again in one batch is taken once and answered with the same receipt");
        assertEquals(before + 2, incoming(), "the two valid referrals are taken, the expired one changes nothing");
        // The same as a single delivery: a redelivery alone gets the receipt the batch gave.
        assertEquals(outcome.getString("results[2].receipt"),
                PartnerNode.deliver(https, "at/gateway", second).then().statusCode(200).extract().asString());
    }

    @Test
    void shouldRefuseBatchesFromAnyoneButTheOwnGateway() {
        String jws = bg.envelope(MessageType.REFERRAL, UUID.randomUUID(), referral(null));
        int before = incoming();
        PartnerNode.deliverBatch(https, "bg/gateway", List.of(jws)).then().statusCode(403)
                .contentType(MediaTypes.PROBLEM_JSON).body("type", equalTo("urn:trm:problem:sender-mismatch"));
        // Counted before any member is read: the members need not even be envelopes.
        PartnerNode.deliverBatch(https, "at/gateway", java.util.Collections.nCopies(257, "a.b.c")).then().statusCode(413)
                .contentType(MediaTypes.PROBLEM_JSON).body("type", equalTo("urn:trm:problem:too-large"));
        assertEquals(before, incoming(), "a refused batch must change nothing");
    }

    @Test
    void shouldOpenLinkedCaseWhenCoordinatorAccepts() {
        UUID conversation = UUID.randomUUID();
        PartnerNode.deliver(https, "at/gateway", bg.envelope(MessageType.REFERRAL, conversation, referral(null)))
                .then().statusCode(200);

        as(TestTokens.coordinator()).post("/api/v1/referrals/" + conversation + "/accept").then().statusCode(202)
                .body("type", equalTo("REFERRAL_RESPONSE")).body("state", equalTo("QUEUED"));

        var thread = as(TestTokens.coordinator()).get("/api/v1/referrals/" + conversation).then().statusCode(200)
                .body("status", equalTo("ACCEPTED"))
                .body("messages", hasSize(2))
                .body("messages[1].direction", equalTo("OUTBOUND"))
                .body("messages[1].summary.accepted", equalTo(true))
                .extract().jsonPath();
        String caseId = thread.getString("localCaseId");
        as(TestTokens.coordinator()).get("/api/v1/cases/" + caseId).then().statusCode(200)
                .body("reference", equalTo(thread.getString("localCaseReference")))
                .body("citizenship", equalTo("AT"))
                .body("identificationStatus", equalTo("IDENTIFIED"));
        as(TestTokens.coordinator()).post("/api/v1/referrals/" + conversation + "/accept").then().statusCode(409)
                .body("type", equalTo("urn:trm:problem:illegal-transition"));
    }

    @Test
    void shouldRefuseForgedSignature() {
        String jws = bg.envelope(MessageType.REFERRAL, UUID.randomUUID(), referral(null));
        int i = jws.indexOf('.') + 20;
        String forged = jws.substring(0, i) + (jws.charAt(i) == 'A' ? 'B' : 'A') + jws.substring(i + 1);
        refused("at/gateway", forged, 400, "bad-signature");
    }

    @Test
    void shouldRefuseBodyEncryptedForAnotherNode() {
        String jws = bg.envelope(MessageType.REFERRAL, UUID.randomUUID(), referral(null),
                PartnerNode.encryptionKeyOf("RO"), Instant.now());
        refused("at/gateway", jws, 400, "decryption-failed");
    }

    @Test
    void shouldRefuseSameMessageIdWithOtherBytes() {
        UUID conversation = UUID.randomUUID();
        String jws = bg.envelope(MessageType.REFERRAL, conversation, referral(null));
        PartnerNode.deliver(https, "at/gateway", jws).then().statusCode(200);
        // Same envelope, signed again: ECDSA signatures differ, so the bytes differ under the same id.
        String resigned = bg.signer.sign(org.trm.model.envelope.EnvelopeVerifier.peek(jws));
        refused("at/gateway", resigned, 409, "duplicate-conflict");
    }

    @Test
    void shouldRefuseReplayOfExpiredMessage() {
        String old = bg.envelope(MessageType.REFERRAL, UUID.randomUUID(), referral(null), PartnerNode.encryptionKeyOf("AT"),
                Instant.now().minus(Duration.ofDays(8)));
        refused("at/gateway", old, 400, "expired");
    }

    @Test
    void shouldRefuseUpdateForConversationNeverJoined() {
        String jws = bg.envelope(MessageType.CASE_UPDATE, UUID.randomUUID(),
                new CaseUpdatePayload(1, Phase.RETURN, List.of(), null, "x"));
        refused("at/gateway", jws, 409, "unknown-conversation");
    }

    @Test
    void shouldRefuseCallersOtherThanOwnGateway() {
        String jws = bg.envelope(MessageType.REFERRAL, UUID.randomUUID(), referral(null));
        refused("bg/gateway", jws, 403, "sender-mismatch");
        refused("at/node", jws, 403, "sender-mismatch");
    }

    @Test
    void shouldRefuseTokenWhenItClaimsTheGatewayRole() {
        String jws = bg.envelope(MessageType.REFERRAL, UUID.randomUUID(), referral(null));
        int before = incoming();
        // The role comes from the gateway's certificate only: a token naming it, without one, is nobody.
        io.restassured.RestAssured.given().baseUri(https.toString())
                .trustStore(FederationProfile.PKI.truststore().toFile(), FederationProfile.PKI.password())
                .auth().oauth2(TestTokens.token("gateway.at", Roles.FEDERATION_GATEWAY, null))
                .contentType(MediaTypes.ENVELOPE_JWS).body(jws.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .post("/federation/v1/inbox")
                .then().statusCode(403).contentType(MediaTypes.PROBLEM_JSON)
                .body("type", equalTo("urn:trm:problem:sender-mismatch")).body("hop", equalTo("node.AT"));
        assertEquals(before, incoming(), "a refused delivery must change nothing");
    }

    @Test
    void shouldNameTheEnvelopeMediaTypesWhenBodyIsJson() {
        // The protocol's unsupported-media-type, telling the gateway what this endpoint takes.
        io.restassured.RestAssured.given().baseUri(https.toString())
                .keyStore(FederationProfile.PKI.keystore("AT", "gateway").toFile(), FederationProfile.PKI.password())
                .trustStore(FederationProfile.PKI.truststore().toFile(), FederationProfile.PKI.password())
                .contentType("application/json").body("{}").post("/federation/v1/inbox")
                .then().statusCode(415).contentType(MediaTypes.PROBLEM_JSON)
                .body("type", equalTo("urn:trm:problem:unsupported-media-type"))
                .body("detail", equalTo("send the body as " + MediaTypes.ENVELOPE_JWS + " or "
                        + MediaTypes.ENVELOPE_BATCH));
    }

    @Test
    void shouldRefuseATypeThatOnlyStartsWithTheEnvelopeMediaType() {
        io.restassured.RestAssured.given().baseUri(https.toString())
                .keyStore(FederationProfile.PKI.keystore("AT", "gateway").toFile(), FederationProfile.PKI.password())
                .trustStore(FederationProfile.PKI.truststore().toFile(), FederationProfile.PKI.password())
                .contentType(MediaTypes.ENVELOPE_JWS + "X").body("a.b.c".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).post("/federation/v1/inbox")
                .then().statusCode(415).contentType(MediaTypes.PROBLEM_JSON)
                .body("type", equalTo("urn:trm:problem:unsupported-media-type"));
    }

    @Test
    void shouldRefuseSenderWithoutAgreement() {
        String jws = new PartnerNode("RO").envelope(MessageType.REFERRAL, UUID.randomUUID(), referral(null));
        refused("at/gateway", jws, 403, "no-agreement");
    }
}
