package org.trm.nrm.referral;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trm.nrm.support.Api.as;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.trm.model.code.FormOfExploitation;
import org.trm.model.code.Gender;
import org.trm.model.code.IdentificationStatus;
import org.trm.model.code.MessageType;
import org.trm.model.code.Phase;
import org.trm.model.code.ReferralReason;
import org.trm.model.crypto.BodyCipher;
import org.trm.model.crypto.Digests;
import org.trm.model.envelope.Envelope;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.evidence.BodyKey;
import org.trm.model.evidence.EvidenceBundle;
import org.trm.model.evidence.ItemKind;
import org.trm.model.evidence.Manifest;
import org.trm.model.evidence.ManifestCodec;
import org.trm.model.json.Json;
import org.trm.model.payload.Payloads;
import org.trm.model.payload.Receipt;
import org.trm.model.payload.ReferralPayload;
import org.trm.nrm.support.TestTokens;

/**
 * A conversation's evidence bundle from node AT: every envelope either way with the receipts, the
 * directory and operator key, the content key of the partner's receipt, a manifest signed by AT;
 * no personal data in clear; for coordinators and auditors only, and audited.
 */
@QuarkusTest
@TestProfile(FederationProfile.class)
class EvidenceBundleTest {
    @TestHTTPResource(tls = true)
    URL https;

    private final PartnerNode bg = new PartnerNode("BG");

    @Test
    void shouldBundleEveryEnvelopeAndReceiptUnderAManifestSignedByTheNode() {
        // BG refers a victim to AT, with her name; AT accepts, and BG receipts AT's answer.
        UUID conversation = UUID.randomUUID();
        String referral = bg.envelope(MessageType.REFERRAL, conversation, new ReferralPayload(Payloads.VERSION,
                "BG-2026-000777", ReferralReason.OTHER, "moved to AT", IdentificationStatus.IDENTIFIED,
                List.of(FormOfExploitation.LABOUR), "BG", "AT", Gender.FEMALE, "25-34", false, Phase.FIRST_ASSISTANCE,
                List.of(), new ReferralPayload.SharedPerson("Elena", "Petrova", "1998-02-03"), null));
        String atReceipt = PartnerNode.deliver(https, "at/gateway", referral).then().statusCode(200).extract().asString();
        String response = as(TestTokens.coordinator()).post("/api/v1/referrals/" + conversation + "/accept")
                .then().statusCode(202).extract().path("messageId");
        String responseSha256 = as(TestTokens.coordinator()).get("/api/v1/referrals/" + conversation).then()
                .statusCode(200).extract().jsonPath()
                .getString("messages.find { it.messageId == '" + response + "' }.sha256");
        Instant now = Instant.now();
        String bgReceipt = bg.signer.sign(Envelope.create(MessageType.RECEIPT, "BG", "AT", conversation,
                UUID.fromString(response), now, Duration.ofDays(7), BodyCipher.encrypt(
                        new Receipt(Payloads.VERSION, UUID.fromString(response), responseSha256, now),
                        PartnerNode.encryptionKeyOf("AT"))));
        PartnerNode.deliver(https, "at/gateway", bgReceipt).then().statusCode(204);

        String text = as(TestTokens.auditor()).accept("application/json")
                .get("/api/v1/referrals/" + conversation + "/evidence").then().statusCode(200)
                .contentType("application/json")
                .header("Content-Disposition", startsWith("attachment"))
                .extract().asString();
        EvidenceBundle bundle = Json.read(text, EvidenceBundle.class);
        assertEquals(EvidenceBundle.FORMAT, bundle.format());
        assertFalse(text.contains("Petrova") || text.contains("BG-2026-000777"), "bodies stay encrypted");

        // The manifest: AT's signature, and the hash of every item, each listed once.
        ManifestCodec.Unverified manifest = ManifestCodec.read(bundle.manifest());
        assertEquals("AT-sig-1", manifest.kid());
        assertTrue(manifest.signedBy(PartnerNode.PKI.signingKey("AT").getPublicKey()));
        Manifest m = manifest.manifest();
        assertEquals(conversation, m.conversationId());
        assertEquals("AT", m.node());
        Map<String, String> hashes = m.items().stream().collect(Collectors.toMap(Manifest.Entry::name, Manifest.Entry::sha256));
        assertEquals(bundle.items().size(), hashes.size());
        for (EvidenceBundle.Item item : bundle.items()) {
            assertEquals(hashes.get(item.name()), Digests.sha256Hex(item.content()), item.name());
        }

        // Everything said either way, as it travelled.
        assertEquals(referral, content(bundle, EvidenceBundle.envelopeItem(idOf(referral))));
        assertEquals(atReceipt, content(bundle, EvidenceBundle.envelopeItem(idOf(atReceipt))));
        assertEquals(bgReceipt, content(bundle, EvidenceBundle.envelopeItem(idOf(bgReceipt))));
        assertEquals(responseSha256, Digests.sha256Hex(content(bundle, EvidenceBundle.envelopeItem(response))));
        assertEquals(List.of(EvidenceBundle.directoryItem(PartnerNode.DIRECTORY.current().version())), bundle.items().stream()
                .filter(i -> i.kind() == ItemKind.DIRECTORY).map(EvidenceBundle.Item::name).toList());
        assertTrue(bundle.item(EvidenceBundle.OPERATOR_KEY_ITEM).isPresent());

        // BG's receipt opens with its disclosed key, and names the hash of AT's answer; nothing else is disclosed.
        BodyKey key = Json.read(content(bundle, EvidenceBundle.bodyKeyItem(idOf(bgReceipt))), BodyKey.class);
        Receipt opened = Json.read(BodyCipher.openDisclosed(EnvelopeVerifier.peek(bgReceipt).body(),
                key.contentKey()), Receipt.class);
        assertEquals(responseSha256, opened.sha256());
        assertEquals(1, bundle.items().stream().filter(i -> i.kind() == ItemKind.BODY_KEY).count());

        long total = as(TestTokens.auditor()).get("/api/v1/audit?size=1").then().statusCode(200).extract().jsonPath()
                .getLong("total");
        JsonPath last = as(TestTokens.auditor()).get("/api/v1/audit?size=1&page=" + (total - 1)).then().statusCode(200)
                .extract().jsonPath();
        assertEquals("evidence-bundle", last.getString("items[0].resource"), "making a bundle is an audit entry");
        assertEquals("auditor", last.getString("items[0].actor"));
    }

    @Test
    void shouldRefuseOthersThanCoordinatorsAndAuditorsAndUnknownConversations() {
        as(TestTokens.caseWorker("org-x")).get("/api/v1/referrals/" + UUID.randomUUID() + "/evidence").then()
                .statusCode(403).contentType("application/problem+json");
        as(TestTokens.coordinator()).get("/api/v1/referrals/" + UUID.randomUUID() + "/evidence").then()
                .statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:trm:problem:not-found"));
    }

    private static String content(EvidenceBundle bundle, String name) {
        return bundle.item(name).orElseThrow(() -> new AssertionError("no item " + name)).content();
    }

    private static UUID idOf(String jws) {
        return EnvelopeVerifier.peek(jws).messageId();
    }
}
