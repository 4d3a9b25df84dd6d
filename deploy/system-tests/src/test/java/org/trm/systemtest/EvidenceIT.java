package org.trm.systemtest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trm.testkit.Eventually.await;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.trm.model.crypto.Jwks;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.evidence.EvidenceBundle;
import org.trm.model.json.Json;
import org.trm.testkit.evidence.Tamper;
import org.trm.testkit.process.LocalFederation;
import org.trm.testkit.token.RealmLogin;

/**
 * Evidence of a real conversation AT -> BG, as a court would get it: AT's auditor downloads the
 * bundle from AT's node, and the verifier's jar, as a process of its own with nothing but the
 * bundle and the operator's public key, finds it valid; each tampering (one byte of a JWS, a
 * receipt of another conversation, a directory key replaced, the manifest edited) makes it say
 * which item fails which check, with exit status 1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvidenceIT {
    private static final Duration DELIVERY = Duration.ofSeconds(90);

    private LocalFederation federation;
    private Coordinator at;
    private Coordinator bg;
    private Path work;

    @BeforeAll
    void startFederation() throws IOException {
        federation = new LocalFederation(List.of("AT", "BG"));
        federation.up(true);
        at = new Coordinator("AT", federation.nodeUrl("AT"), federation.realmUrl("AT"));
        bg = new Coordinator("BG", federation.nodeUrl("BG"), federation.realmUrl("BG"));
        work = Files.createDirectories(Path.of("target/evidence-it").toAbsolutePath());
    }

    @AfterAll
    void stopFederation() {
        if (federation != null) {
            federation.stop();
        }
    }

    @Test
    void shouldVerifyTheBundleOfAConversationAndReportEachTampering() throws Exception {
        // A referral, BG's acceptance and an update: signatures and receipts of both nodes.
        String conversation = refer();
        String referral = firstOut(at.conversation(conversation), "REFERRAL");
        receipted(at, conversation, referral);
        bg.api().post("/api/v1/referrals/{id}/accept", conversation).then().statusCode(202);
        String response = firstOut(bg.conversation(conversation), "REFERRAL_RESPONSE");
        receipted(bg, conversation, response);
        String update = at.send(conversation, Map.of("type", "CASE_UPDATE", "note", "placed in a shelter"));
        receipted(at, conversation, update);
        String other = refer();
        receipted(at, other, firstOut(at.conversation(other), "REFERRAL"));

        EvidenceBundle bundle = download(conversation);
        String referralReceipt = receiptOf(at.conversation(conversation), referral);
        Verdict valid = verify("valid", bundle);
        assertEquals(0, valid.exit, valid.out);
        assertTrue(valid.out.contains("OK    " + EvidenceBundle.envelopeItem(referralReceipt) + ": receipt hash: BG received "
                + EvidenceBundle.envelopeItem(referral) + " exactly as in this bundle"), valid.out);
        assertTrue(valid.out.contains("OK    manifest: signature: signed by AT's key AT-sig-1"), valid.out);
        assertTrue(valid.out.contains(": receipt hash: answers " + EvidenceBundle.envelopeItem(response) + " by its header"),
                "AT's receipt to BG is encrypted to BG, and said to be:\n" + valid.out);

        String referralItem = EvidenceBundle.envelopeItem(referral);
        verify("byte", Tamper.flipSignatureByte(bundle, referralItem))
                .fails(referralItem, "signature").fails(referralItem, "manifest");

        String receiptItem = EvidenceBundle.envelopeItem(referralReceipt);
        EvidenceBundle otherBundle = download(other);
        String foreignReceipt = otherBundle.item(EvidenceBundle.envelopeItem(receiptOf(at.conversation(other),
                firstOut(at.conversation(other), "REFERRAL")))).orElseThrow().content();
        verify("swapped-receipt", Tamper.withContent(bundle, receiptItem, foreignReceipt))
                .fails(receiptItem, "manifest").fails(receiptItem, "conversation")
                .fails(EvidenceBundle.bodyKeyItem(referralReceipt), "body key");

        String directory = bundle.items().stream().filter(i -> i.name().startsWith("directory/")).findFirst()
                .orElseThrow().name();
        verify("key-replaced", Tamper.replaceDirectoryKey(bundle, directory, "BG-sig-1", Jwks.generate("BG-sig-1", Jwks.USE_SIG)))
                .fails(directory, "operator signature").fails(directory, "manifest")
                .fails(EvidenceBundle.envelopeItem(response), "signature");

        verify("manifest-edited", Tamper.editManifest(bundle)).fails("manifest", "signature");

        // Each download is in AT's audit trail.
        JsonPath trail = auditor().get("/api/v1/audit?size=500").then().statusCode(200).extract().jsonPath();
        assertEquals(2, trail.getList("items.findAll { it.resource == 'evidence-bundle' }").size(),
                "two bundles were downloaded");
    }

    // --- helpers ------------------------------------------------------------------------------------

    /** AT refers a consenting presumed victim to BG; answers the conversation id. */
    private String refer() {
        String caseId = at.createCase("BG");
        at.consent(caseId, "SHARE_WITH_COUNTRY", "BG");
        return at.api().body(Map.of("to", "BG", "reason", "AdditionalServicesRequired", "details", "needs shelter",
                        "includePersonalData", false))
                .post("/api/v1/cases/{id}/referrals", caseId).then().statusCode(202).extract().path("conversationId");
    }

    private io.restassured.specification.RequestSpecification auditor() {
        return given().baseUri(federation.nodeUrl("AT")).auth()
                .oauth2(RealmLogin.user(federation.realmUrl("AT"), "auditor").token()).accept("application/json");
    }

    private EvidenceBundle download(String conversation) {
        String text = auditor().get("/api/v1/referrals/{id}/evidence", conversation).then().statusCode(200)
                .contentType("application/json").extract().asString();
        return Json.read(text, EvidenceBundle.class);
    }

    private static void receipted(Coordinator sender, String conversation, String messageId) {
        await(DELIVERY).untilAsserted(() -> assertEquals("RECEIPTED", sender.conversation(conversation)
                .getString("messages.find { it.messageId == '" + messageId + "' }.state"), messageId));
    }

    private static String firstOut(JsonPath conversation, String type) {
        List<String> ids = conversation.getList("messages.findAll { it.direction == 'OUTBOUND' && it.type == '" + type
                + "' }.messageId");
        assertTrue(!ids.isEmpty(), "no outgoing " + type);
        return ids.get(0);
    }

    /** The message id of the receipt the sender holds for {@code messageId}. */
    private static String receiptOf(JsonPath conversation, String messageId) {
        String jws = conversation.getString("messages.find { it.messageId == '" + messageId + "' }.receipt.jws");
        return EnvelopeVerifier.peek(jws).messageId().toString();
    }

    private record Verdict(int exit, String out) {
        Verdict fails(String item, String check) {
            assertEquals(1, exit, out);
            assertTrue(out.lines().anyMatch(l -> l.startsWith("FAIL  " + item + ": " + check + ":")),
                    "expected a failed " + check + " of " + item + " in:\n" + out);
            return this;
        }
    }

    /** Runs the verifier's jar on the bundle, as an auditor would: its own process, the operator's public key. */
    private Verdict verify(String name, EvidenceBundle bundle) throws IOException, InterruptedException {
        Path file = work.resolve(name + ".json");
        Files.writeString(file, Json.write(bundle));
        Path jar = federation.root().resolve("deploy/evidence-verifier/target/trm-evidence-verifier.jar");
        Path anchor = Path.of(federation.status().getString("pkiDir"), "operator", "operator-public.jwk");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), file.toString(), "--trust-anchor", anchor.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the verifier did not finish:\n" + out);
        Files.writeString(work.resolve(name + ".out"), out);
        return new Verdict(process.exitValue(), out);
    }
}
