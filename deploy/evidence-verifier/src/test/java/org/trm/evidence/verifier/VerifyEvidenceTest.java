package org.trm.evidence.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trm.model.code.MessageType;
import org.trm.model.crypto.BodyCipher;
import org.trm.model.crypto.Digests;
import org.trm.model.crypto.Jwks;
import org.trm.model.crypto.LowS;
import org.trm.model.directory.DirectoryCodec;
import org.trm.model.envelope.Envelope;
import org.trm.model.envelope.EnvelopeSigner;
import org.trm.model.evidence.BundleBuilder;
import org.trm.model.evidence.EvidenceBundle;
import org.trm.model.json.Json;
import org.trm.model.payload.Payloads;
import org.trm.model.payload.Receipt;
import org.trm.testkit.evidence.Tamper;
import org.trm.testkit.pki.Pki;

/**
 * Bundles made as node AT makes them, from the test federation's real keys (target/pki): a referral
 * to BG and BG's receipt, whose body AT discloses. Valid as made; each tampering is reported as a
 * line naming the item and the check, with exit status 1; unreadable input is 2.
 */
class VerifyEvidenceTest {
    private static final Pki PKI = Pki.TEST;

    @TempDir
    Path dir;

    /** A conversation AT -> BG: the referral, BG's receipt of it, and the receipt's disclosed body key. */
    private record Conversation(EvidenceBundle bundle, UUID referral, UUID receipt) {
    }

    private static Conversation conversation() {
        try {
            String directoryJws = Files.readString(PKI.directory()).strip();
            int version = DirectoryCodec.verify(directoryJws, Jwks.load(PKI.operatorPublicKey())).version();
            Instant sent = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
            Envelope referral = Envelope.create(MessageType.REFERRAL, "AT", "BG", null, null, sent, Duration.ofDays(7),
                    BodyCipher.encryptJson("{\"v\":1,\"senderCaseReference\":\"AT-2026-000001\"}", PKI.encryptionKey("BG")));
            String referralJws = new EnvelopeSigner(PKI.signingKey("AT")).sign(referral);
            Instant received = sent.plusSeconds(2);
            Envelope receipt = Envelope.create(MessageType.RECEIPT, "BG", "AT", referral.conversationId(),
                    referral.messageId(), received, Duration.ofDays(7), BodyCipher.encrypt(new Receipt(Payloads.VERSION,
                            referral.messageId(), Digests.sha256Hex(referralJws), received), PKI.encryptionKey("AT")));
            String receiptJws = new EnvelopeSigner(PKI.signingKey("BG")).sign(receipt);

            BundleBuilder builder = new BundleBuilder(referral.conversationId(), "AT").operatorKey(Jwks.load(PKI.operatorPublicKey()));
            String directory = builder.directory(version, directoryJws);
            builder.envelope(referral.messageId(), referralJws, directory)
                    .envelope(receipt.messageId(), receiptJws, directory)
                    .bodyKey(receipt.messageId(), BodyCipher.discloseContentKey(receipt.body(), List.of(PKI.encryptionKey("AT"))));
            return new Conversation(builder.sign(Instant.now(), PKI.signingKey("AT"), directory), referral.messageId(),
                    receipt.messageId());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Run(int exit, String out) {
        List<String> failures() {
            return out.lines().filter(l -> l.startsWith("FAIL")).toList();
        }

        void fails(String item, String check) {
            assertTrue(failures().stream().anyMatch(l -> l.startsWith("FAIL  " + item + ": " + check + ":")),
                    "expected a failed " + check + " of " + item + " in:\n" + out);
        }
    }

    private Run verify(EvidenceBundle bundle, String... options) throws IOException {
        Path file = dir.resolve("bundle-" + UUID.randomUUID() + ".json");
        Files.writeString(file, Json.write(bundle));
        String[] args = new String[options.length + 1];
        args[0] = file.toString();
        System.arraycopy(options, 0, args, 1, options.length);
        return run(args);
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = VerifyEvidence.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8));
    }

    private static String anchor() {
        return PKI.operatorPublicKey().toString();
    }

    @Test
    void shouldFindEveryCheckPassedWhenTheBundleIsAsMade() throws IOException {
        Conversation c = conversation();
        Run run = verify(c.bundle(), "--trust-anchor", anchor());

        assertEquals(0, run.exit(), run.out());
        assertEquals(List.of(), run.failures());
        String receipt = EvidenceBundle.envelopeItem(c.receipt());
        assertTrue(run.out().contains("OK    " + receipt + ": receipt hash: BG received "
                + EvidenceBundle.envelopeItem(c.referral()) + " exactly as in this bundle"), run.out());
        assertTrue(run.out().contains("OK    manifest: signature: signed by AT's key AT-sig-1"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("VALID")), run.out());
    }

    @Test
    void shouldPrintTheOperatorKeysThumbprintWhenTakenFromTheBundle() throws IOException {
        Run run = verify(conversation().bundle());
        assertEquals(0, run.exit(), run.out());
        String thumbprint = BundleCheck.thumbprint(Jwks.load(PKI.operatorPublicKey()));
        assertTrue(run.out().contains("operator-key: trust anchor: taken from the bundle, thumbprint " + thumbprint), run.out());
    }

    @Test
    void shouldReportTheEnvelopeWhenOneByteOfItsSignatureChanged() throws IOException {
        Conversation c = conversation();
        String referral = EvidenceBundle.envelopeItem(c.referral());
        Run run = verify(Tamper.flipSignatureByte(c.bundle(), referral), "--trust-anchor", anchor());

        assertEquals(1, run.exit(), run.out());
        run.fails(referral, "signature");
        run.fails(referral, "manifest");
        assertTrue(run.out().contains("urn:trm:problem:bad-signature"), run.out());
    }

    @Test
    void shouldReportAReceiptOfAnotherConversation() throws IOException {
        Conversation c = conversation();
        Conversation other = conversation();
        String receipt = EvidenceBundle.envelopeItem(c.receipt());
        String foreign = other.bundle().item(EvidenceBundle.envelopeItem(other.receipt())).orElseThrow().content();
        Run run = verify(Tamper.withContent(c.bundle(), receipt, foreign), "--trust-anchor", anchor());

        assertEquals(1, run.exit(), run.out());
        run.fails(receipt, "manifest");
        run.fails(receipt, "conversation");
        run.fails(EvidenceBundle.envelopeItem(other.receipt()), "receipt");
    }

    @Test
    void shouldReportADirectoryWhoseKeyWasReplaced() throws IOException {
        Conversation c = conversation();
        String directory = c.bundle().items().stream().filter(i -> i.name().startsWith("directory/")).findFirst()
                .orElseThrow().name();
        EvidenceBundle forged = Tamper.replaceDirectoryKey(c.bundle(), directory, "AT-sig-1",
                Jwks.generate("AT-sig-1", Jwks.USE_SIG));
        Run run = verify(forged, "--trust-anchor", anchor());

        assertEquals(1, run.exit(), run.out());
        run.fails(directory, "operator signature");
        run.fails(directory, "manifest");
        run.fails(EvidenceBundle.envelopeItem(c.referral()), "signature");
        run.fails("manifest", "signature");
    }

    @Test
    void shouldReportAManifestEditedAfterSigning() throws IOException {
        Run run = verify(Tamper.editManifest(conversation().bundle()), "--trust-anchor", anchor());
        assertEquals(1, run.exit(), run.out());
        run.fails("manifest", "signature");
        assertEquals(1, run.failures().size(), run.out());
    }

    @Test
    void shouldReportTheHighSTwinsOfAnEnvelopeAndOfTheManifest() throws IOException {
        Conversation c = conversation();
        String referral = EvidenceBundle.envelopeItem(c.referral());
        EvidenceBundle twins = Tamper.withContent(c.bundle(), referral,
                LowS.twin(c.bundle().item(referral).orElseThrow().content()));
        twins = new EvidenceBundle(twins.format(), LowS.twin(twins.manifest()), twins.items());
        Run run = verify(twins, "--trust-anchor", anchor());

        assertEquals(1, run.exit(), run.out());
        run.fails(referral, "signature");
        assertTrue(run.out().contains("urn:trm:problem:non-canonical-signature"), run.out());
        run.fails("manifest", "signature");
        assertTrue(run.out().contains("the high-S twin of AT's signature"), run.out());
    }

    @Test
    void shouldReportABundleCheckedAgainstAnotherOperator() throws IOException {
        Path stranger = dir.resolve("stranger.jwk");
        Files.writeString(stranger, Jwks.toJson(Jwks.generate("federation-operator-9", Jwks.USE_SIG), false));
        Run run = verify(conversation().bundle(), "--trust-anchor", stranger.toString());
        assertEquals(1, run.exit(), run.out());
        run.fails(EvidenceBundle.OPERATOR_KEY_ITEM, "trust anchor");
        assertTrue(run.failures().stream().anyMatch(l -> l.contains(": operator signature:")), run.out());
    }

    @Test
    void shouldReportEachItemThatIsNotWhatItsKindSaysWithoutGivingUp() throws IOException {
        EvidenceBundle bundle = conversation().bundle();
        EvidenceBundle garbage = bundle;
        for (EvidenceBundle.Item item : bundle.items()) {
            garbage = Tamper.withContent(garbage, item.name(), "not." + item.kind() + ".at-all");
        }
        Run run = verify(new EvidenceBundle(bundle.format(), "no.manifest.here", garbage.items()), "--trust-anchor", anchor());

        assertEquals(1, run.exit(), run.out());
        run.fails("manifest", "format");
        for (EvidenceBundle.Item item : bundle.items()) {
            assertTrue(run.failures().stream().anyMatch(l -> l.startsWith("FAIL  " + item.name() + ": ")),
                    item.name() + " is reported in:\n" + run.out());
        }
    }

    @Test
    void shouldAnswerTwoWhenTheInputIsNoBundle() throws IOException {
        assertEquals(2, run(dir.resolve("missing.json").toString()).exit());
        Path notABundle = dir.resolve("not.json");
        Files.writeString(notABundle, "{\"hello\":1}");
        assertEquals(2, run(notABundle.toString()).exit());
        assertEquals(2, run().exit());
        assertEquals(2, verify(conversation().bundle(), "--trust-anchor", dir.resolve("none.jwk").toString()).exit());
    }
}
