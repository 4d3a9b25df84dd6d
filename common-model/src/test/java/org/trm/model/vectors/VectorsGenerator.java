package org.trm.model.vectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.HmacKey;
import org.trm.model.code.FormOfExploitation;
import org.trm.model.code.Gender;
import org.trm.model.code.IdentificationStatus;
import org.trm.model.code.Phase;
import org.trm.model.code.ReferralReason;
import org.trm.model.code.SupportNeed;
import org.trm.model.crypto.BodyCipher;
import org.trm.model.crypto.Digests;
import org.trm.model.crypto.Jose;
import org.trm.model.crypto.Jwks;
import org.trm.model.crypto.LowS;
import org.trm.model.directory.Agreement;
import org.trm.model.directory.Directory;
import org.trm.model.directory.DirectoryCodec;
import org.trm.model.directory.Participant;
import org.trm.model.directory.ParticipantStatus;
import org.trm.model.envelope.Envelope;
import org.trm.model.envelope.EnvelopeSigner;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.code.MessageType;
import org.trm.model.json.Json;
import org.trm.model.payload.CaseClosedPayload;
import org.trm.model.payload.CaseUpdatePayload;
import org.trm.model.payload.ConsentWithdrawnPayload;
import org.trm.model.payload.DeliveryFailure;
import org.trm.model.payload.InfoPayload;
import org.trm.model.payload.Receipt;
import org.trm.model.payload.ReferralPayload;
import org.trm.model.payload.ReferralResponsePayload;
import org.trm.model.payload.ReturnFollowUpPayload;
import org.trm.model.payload.ReturnPrenotificationPayload;
import org.trm.model.payload.ReturnRequestPayload;
import org.trm.model.payload.StatsAbortPayload;
import org.trm.model.payload.StatsPartialPayload;
import org.trm.model.payload.StatsRequestPayload;
import org.trm.model.statistics.FederationLayout;
import org.trm.model.statistics.SecureSum;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;

/**
 * Writes the protocol's golden test vectors (docs/PROTOCOL.md, section "Test vectors"): TEST ONLY
 * keys, signed directories, valid envelopes of every message type, a receipt, a failure signal, and
 * envelopes that must be refused, each with the result the verifier gives. Run once; the output is committed and
 * {@link ProtocolVectorsTest} checks it, so a change of behaviour on the wire fails that test.
 * Signatures are random (ECDSA), so running this again writes other, equally valid, vectors.
 *
 * <pre>
 * mvn -B -q -pl common-model test-compile dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=target/test.classpath
 * java -cp common-model/target/test-classes:common-model/target/classes:$(cat common-model/target/test.classpath) \
 *     org.trm.model.vectors.VectorsGenerator common-model/src/test/resources/vectors
 * </pre>
 */
public final class VectorsGenerator {
    /** The instant every vector is checked at: the verifier's clock in the test. */
    static final Instant AT_INSTANT = Instant.parse("2026-11-22T10:15:30Z");
    static final String WARNING = "TEST ONLY: these private keys are published; never use them outside tests.";

    private final Map<String, PublicJsonWebKey> keys = new LinkedHashMap<>();
    private final ArrayNode envelopes = Json.MAPPER.createArrayNode();
    private final ObjectNode secureSum = Json.MAPPER.createObjectNode();
    private Directory directory;
    private EnvelopeVerifier verifier;
    private String referralVector;

    private VectorsGenerator() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "common-model/src/test/resources/vectors");
        Files.createDirectories(out);
        new VectorsGenerator().write(out);
    }

    private void write(Path out) throws Exception {
        for (String cc : List.of("AT", "BG", "RO")) {
            key(cc + "-sig-1", Jwks.USE_SIG);
            key(cc + "-enc-1", Jwks.USE_ENC);
        }
        key("AT-gw-sig-1", Jwks.USE_SIG); // the gateways' keys, which sign failure signals only
        key("BG-gw-sig-1", Jwks.USE_SIG);
        key("AT-sig-2", Jwks.USE_SIG); // listed with an exp before verifiedAt
        key("AT-sig-9", Jwks.USE_SIG); // never listed in the directory
        key("BG-enc-9", Jwks.USE_ENC); // never listed either: a body to it cannot be read by BG
        PublicJsonWebKey operator = key("federation-operator-1", Jwks.USE_SIG);
        PublicJsonWebKey otherOperator = key("federation-operator-9", Jwks.USE_SIG);

        ObjectNode keyFile = Json.MAPPER.createObjectNode();
        keyFile.put("warning", WARNING);
        ObjectNode keyNodes = keyFile.putObject("keys");
        keys.forEach((kid, jwk) -> keyNodes.set(kid, Json.MAPPER.valueToTree(jwk.toParams(
                org.jose4j.jwk.JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE))));
        writeJson(out.resolve("keys.json"), keyFile);

        Directory older = directory(1, AT_INSTANT.minus(Duration.ofDays(30)));
        directory = directory(2, AT_INSTANT.minus(Duration.ofDays(1)));
        verifier = new EnvelopeVerifier(() -> directory, Clock.fixed(AT_INSTANT, ZoneOffset.UTC));
        String directoryJws = DirectoryCodec.sign(directory, operator);
        Files.writeString(out.resolve("directory.json"), Json.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsString(Json.MAPPER.readTree(Json.write(directory))) + "\n");
        Files.writeString(out.resolve("directory.jws"), directoryJws + "\n");

        ArrayNode directories = Json.MAPPER.createArrayNode();
        directories.add(directoryVector("directory", "the directory every envelope vector is checked against",
                directoryJws, "federation-operator-1", null));
        directories.add(directoryVector("directory-older", "version 1: validly signed, refused while version 2 is in use",
                DirectoryCodec.sign(older, operator), "federation-operator-1", ProblemType.DIRECTORY_INVALID));
        directories.add(directoryVector("directory-other-signer", "signed by a key that is not the operator's",
                DirectoryCodec.sign(directory, otherOperator), "federation-operator-1", ProblemType.DIRECTORY_INVALID));
        directories.add(directoryVector("directory-wrong-typ", "an envelope's typ, not trm-directory+jws",
                Jose.sign(Json.write(directory), EnvelopeSigner.TYP, operator), "federation-operator-1",
                ProblemType.DIRECTORY_INVALID));

        envelopesOfEveryType();
        invalidEnvelopes();

        ObjectNode index = Json.MAPPER.createObjectNode();
        index.put("warning", WARNING);
        index.put("verifiedAt", AT_INSTANT.toString());
        index.put("operatorKey", "federation-operator-1");
        index.put("keys", "keys.json");
        index.put("directory", "directory.jws");
        index.set("directories", directories);
        index.set("envelopes", envelopes);
        index.set("secureSum", secureSum);
        writeJson(out.resolve("vectors.json"), index);
    }

    private void envelopesOfEveryType() {
        UUID conversation = UUID.fromString("7d1c3f7e-2a55-4b8e-9a51-3c0f1e2d4b60");
        ReferralPayload referral = new ReferralPayload(1, "AT-2026-000123", ReferralReason.ADDITIONAL_SERVICES_REQUIRED,
                "Needs shelter and legal counselling in the country of origin", IdentificationStatus.IDENTIFIED,
                List.of(FormOfExploitation.LABOUR), "AT", "BG", Gender.FEMALE, "25-34", false,
                Phase.FIRST_ASSISTANCE, List.of("shelter", "legal"), null, null);
        String referralJws = valid("referral", MessageType.REFERRAL, "AT", "BG", conversation, null, referral,
                "BG-enc-1", "a referral from AT to BG, without personal data");
        UUID referralId = EnvelopeVerifier.peek(referralJws).messageId();
        referralVector = referralJws;

        Receipt receipt = new Receipt(1, referralId, Digests.sha256Hex(referralJws), AT_INSTANT.minus(Duration.ofMinutes(59)));
        valid("receipt", MessageType.RECEIPT, "BG", "AT", conversation, referralId, receipt, "AT-enc-1",
                "BG's receipt for the envelope 'referral': its body holds the SHA-256 of that JWS as received");
        ObjectNode last = (ObjectNode) envelopes.get(envelopes.size() - 1);
        last.put("receiptFor", "referral");
        last.put("receiptSha256", receipt.sha256());

        ReferralPayload withPerson = new ReferralPayload(1, "AT-2026-000124", ReferralReason.MIGRATION_OR_CHANGE_OF_LOCATION,
                "Moved to BG", IdentificationStatus.PRESUMED, List.of(FormOfExploitation.SEXUAL, FormOfExploitation.FORCED_CRIMINALITY),
                "AT", "BG", Gender.MALE, "0-17", true, Phase.IDENTIFICATION, List.of(),
                new ReferralPayload.SharedPerson("Test", "Person", "2010-01-01"),
                new ReferralPayload.ConsentOverride("life at risk", "coordinator-at", "2026-11-22T09:00:00Z"));
        valid("referral-with-person", MessageType.REFERRAL, "AT", "BG", UUID.fromString("0e6f9a1b-5c47-4d2e-8f10-2b3c4d5e6f70"),
                null, withPerson, "BG-enc-1", "a child's referral with shared personal data and a consent override (fictitious)");
        valid("referral-response", MessageType.REFERRAL_RESPONSE, "BG", "AT", conversation, referralId,
                new ReferralResponsePayload(1, true, "BG-2026-000042", null), "AT-enc-1", "BG accepts the referral");
        valid("case-update", MessageType.CASE_UPDATE, "AT", "BG", conversation, null,
                new CaseUpdatePayload(1, Phase.LONG_TERM_ASSISTANCE, List.of("shelter"), "criminal proceedings opened", null),
                "BG-enc-1", "a phase change with services provided");
        valid("info-request", MessageType.INFO_REQUEST, "BG", "AT", conversation, null,
                new InfoPayload(1, "Is a guardian appointed?"), "AT-enc-1", "a question");
        valid("info-response", MessageType.INFO_RESPONSE, "AT", "BG", conversation, null,
                new InfoPayload(1, "No guardian: the victim is an adult."), "BG-enc-1", "its answer");
        valid("return-request", MessageType.RETURN_REQUEST, "AT", "BG", conversation, null,
                new ReturnRequestPayload(1, "LOW", "2026-11-20", "2026-11-21", "2026-12-15", null), "BG-enc-1",
                "an assisted voluntary return, consent and risk assessment on record");
        valid("consent-withdrawn", MessageType.CONSENT_WITHDRAWN, "AT", "BG", conversation, null,
                new ConsentWithdrawnPayload(1, "2026-11-22T08:00:00Z", "ERASE"), "BG-enc-1",
                "consent withdrawn: the partner erases what it received");
        valid("case-closed", MessageType.CASE_CLOSED, "AT", "BG", conversation, null,
                new CaseClosedPayload(1, "returned and included"), "BG-enc-1", "the sender closed its side");
        valid("return-prenotification", MessageType.RETURN_PRENOTIFICATION, "AT", "BG",
                UUID.fromString("5b2e8c41-9d3a-4f6e-b7a0-1c2d3e4f5a6b"), null,
                new ReturnPrenotificationPayload(1, "AT-2026-000123", 1, "2026-12-20",
                        List.of(SupportNeed.ACCOMMODATION, SupportNeed.MEDICAL)),
                "BG-enc-1", "a return announced ahead, in a conversation of its own: how many, when, which support; nothing about the person");
        valid("return-follow-up", MessageType.RETURN_FOLLOW_UP, "BG", "AT", conversation, null,
                new ReturnFollowUpPayload(1, true, "2027-01-18", List.of("shelter"), null), "AT-enc-1",
                "BG, the country of return, reports the first agreed follow-up after the departure");

        // A statistics round of AT, BG and RO asked by AT (section 17): the request, BG's partial sum
        // to AT (its counts masked with the seeds it agrees with AT and RO) and an abort.
        UUID round = UUID.fromString("3f0c9e2a-6b7d-4e18-a5c4-9d8e7f6a5b4c");
        UUID statsConversation = UUID.fromString("8a7b6c5d-4e3f-4a1b-9c2d-1e0f2a3b4c5d");
        List<String> participants = List.of("AT", "BG", "RO");
        Map<String, String> roundKeys = Map.of("AT", "AT-enc-1", "BG", "BG-enc-1", "RO", "RO-enc-1");
        valid("stats-request", MessageType.STATS_REQUEST, "AT", "BG", statsConversation, null,
                new StatsRequestPayload(1, round, "AT", participants, FederationLayout.VERSION, 2026,
                        AT_INSTANT.plus(Duration.ofMinutes(2)), roundKeys),
                "BG-enc-1", "AT asks BG to take part in a federation statistics round of AT, BG and RO");
        int cells = new FederationLayout(2026, participants).size();
        long[] counts = new long[cells];
        counts[0] = 3; // BG's total: three registered victims, a count no one but BG may learn
        Map<String, byte[]> seeds = new java.util.TreeMap<>();
        ArrayNode pairs = secureSum.putArray("pairSeeds");
        for (String other : List.of("AT", "RO")) {
            String a = other.compareTo("BG") < 0 ? other : "BG";
            String b = a.equals("BG") ? other : "BG";
            byte[] seed = SecureSum.pairSeed(keys.get("BG-enc-1").getPrivateKey(), keys.get(other + "-enc-1").getPublicKey(),
                    round, a, b);
            seeds.put(other, seed);
            ObjectNode pair = pairs.addObject();
            pair.put("a", a);
            pair.put("b", b);
            pair.put("keyA", roundKeys.get(a));
            pair.put("keyB", roundKeys.get(b));
            pair.put("seed", java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(seed));
            pair.put("maskFirstCells", SecureSum.encode(java.util.Arrays.copyOf(SecureSum.mask(seed, round, a, b, cells), 5)));
        }
        long[] partial = SecureSum.partial(counts, "BG", round, seeds);
        secureSum.put("round", round.toString());
        secureSum.put("participant", "BG");
        secureSum.put("cells", cells);
        secureSum.put("counts", SecureSum.encode(counts));
        secureSum.put("partial", SecureSum.encode(partial));
        valid("stats-partial", MessageType.STATS_PARTIAL, "BG", "AT", statsConversation, null,
                new StatsPartialPayload(1, round, cells, SecureSum.encode(partial)),
                "AT-enc-1", "BG's partial sum for the round, one 64-bit value per cell of the layout (secureSum shows how)");
        valid("stats-abort", MessageType.STATS_ABORT, "AT", "BG", statsConversation, null,
                new StatsAbortPayload(1, round, ProblemType.STATISTICS_ROUND_INCOMPLETE, List.of("RO"), "RO did not answer in time"),
                "BG-enc-1", "AT ends the round: RO did not answer; BG drops what it holds of it");

        DeliveryFailure failure = new DeliveryFailure(1, referralId, Digests.sha256Hex(referralJws), "node.BG",
                ProblemType.UNKNOWN_CONVERSATION.type().toString(), "HTTP 409 urn:trm:problem:unknown-conversation at node.BG",
                AT_INSTANT.minus(Duration.ofMinutes(58)));
        Envelope signal = envelope(MessageType.DELIVERY_FAILURE, "BG", "AT", conversation, referralId, failure.toBody());
        String signalJws = sign(signal, "BG-gw-sig-1");
        ObjectNode v = vector("delivery-failure", "BG's gateway reports that BG's node refused the envelope 'referral':"
                + " signed with BG's gateway key, its body the payload in clear (base64url JSON)", signalJws);
        require(verdict(signalJws) == null, "delivery-failure should verify");
        v.put("expected", "valid");
        v.put("sha256", Digests.sha256Hex(signalJws));
        v.put("bodyInClear", true);
        v.set("plaintext", Json.MAPPER.valueToTree(readTree(Json.write(failure))));
        v.put("failureFor", "referral");
        invalid("delivery-failure-signed-by-node", "the signal 'delivery-failure' signed with BG's node key instead",
                sign(signal, "BG-sig-1"), ProblemType.KEY_ROLE_MISMATCH);
        invalid("gateway-key-signs-referral", "a referral from AT signed with AT's gateway key",
                sign(envelope(MessageType.REFERRAL, "AT", "BG", null, null, body("BG-enc-1", "{\"v\":1}")), "AT-gw-sig-1"),
                ProblemType.KEY_ROLE_MISMATCH);
    }

    private void invalidEnvelopes() throws Exception {
        Envelope referral = envelope(MessageType.REFERRAL, "AT", "BG", null, null, body("BG-enc-1", "{\"v\":1}"));
        String good = sign(referral, "AT-sig-1");
        String other = sign(envelope(MessageType.REFERRAL, "AT", "BG", null, null, body("BG-enc-1", "{\"v\":1}")), "AT-sig-1");
        String[] parts = good.split("\\.");

        invalid("bad-signature", "the header and payload of one envelope with the signature of another",
                parts[0] + "." + parts[1] + "." + other.split("\\.")[2], ProblemType.BAD_SIGNATURE);
        int middle = parts[0].length() + 1 + parts[1].length() / 2;
        char c = good.charAt(middle);
        invalid("flipped-byte", "one character of the payload changed",
                good.substring(0, middle) + (c == 'A' ? 'B' : 'A') + good.substring(middle + 1), ProblemType.BAD_SIGNATURE);
        invalid("alg-none", "an unsecured JWS (alg none, empty signature)",
                b64(header("none", "AT-sig-1", EnvelopeSigner.TYP)) + "." + parts[1] + ".", ProblemType.DISALLOWED_ALGORITHM);
        invalid("alg-hs256", "an HMAC signature keyed with the sender's public key text", hs256(parts[1]),
                ProblemType.DISALLOWED_ALGORITHM);
        invalid("unknown-kid", "signed with a key the directory does not list", sign(referral, "AT-sig-9"),
                ProblemType.UNKNOWN_KEY);
        invalid("kid-of-other-participant", "from AT, signed with BG's key", sign(referral, "BG-sig-1"),
                ProblemType.KEY_NOT_OF_SENDER);
        invalid("wrong-typ", "typ JWT instead of trm-envelope+jws", Jose.sign(Json.write(referral), "JWT",
                keys.get("AT-sig-1")), ProblemType.MALFORMED);
        invalid("non-canonical-base64url", "the signature's last character with bits set that decode to nothing",
                nonCanonical(good), ProblemType.MALFORMED);
        invalid("inactive-sender", "from RO, a SUSPENDED participant",
                sign(envelope(MessageType.REFERRAL, "RO", "BG", null, null, body("BG-enc-1", "{\"v\":1}")), "RO-sig-1"),
                ProblemType.PARTICIPANT_INACTIVE);
        Envelope expired = new Envelope(1, uuid(), uuid(), null, MessageType.REFERRAL, "AT", "BG",
                AT_INSTANT.minus(Duration.ofDays(8)), AT_INSTANT.minus(Duration.ofDays(1)), body("BG-enc-1", "{\"v\":1}"));
        invalid("expired", "expiresAt one day before verifiedAt", sign(expired, "AT-sig-1"), ProblemType.EXPIRED);
        invalid("key-expired", "signed with AT-sig-2, whose exp in the directory is a day before verifiedAt",
                sign(referral, "AT-sig-2"), ProblemType.KEY_EXPIRED);
        invalid("high-s-twin", "the envelope 'referral' with s replaced by n - s", LowS.twin(referralVector),
                ProblemType.NON_CANONICAL_SIGNATURE);

        ObjectNode wrongKey = invalid("body-to-another-key", "a valid envelope whose body is encrypted to a key BG does not hold",
                sign(envelope(MessageType.REFERRAL, "AT", "BG", null, null, body("BG-enc-9", "{\"v\":1}")), "AT-sig-1"), null);
        wrongKey.put("expected", "valid");
        wrongKey.put("decryptWith", "BG-enc-1");
        wrongKey.put("decryption", ProblemType.DECRYPTION_FAILED.type().toString());
    }

    private String valid(String name, MessageType type, String from, String to, UUID conversation, UUID inReplyTo,
            Object payload, String recipientKey, String description) {
        String plaintext = Json.write(payload);
        String jws = sign(envelope(type, from, to, conversation, inReplyTo, body(recipientKey, plaintext)), from + "-sig-1");
        ObjectNode v = vector(name, description, jws);
        require(verdict(jws) == null, name + " should verify");
        v.put("expected", "valid");
        v.put("sha256", Digests.sha256Hex(jws));
        v.put("decryptWith", recipientKey);
        v.set("plaintext", Json.MAPPER.valueToTree(readTree(plaintext)));
        return jws;
    }

    private ObjectNode invalid(String name, String description, String jws, ProblemType expected) {
        ObjectNode v = vector(name, description, jws);
        if (expected != null) {
            require(expected == verdict(jws), name + " should be refused as " + expected + ", was " + verdict(jws));
            v.put("expected", expected.type().toString());
        }
        return v;
    }

    private ObjectNode vector(String name, String description, String jws) {
        ObjectNode v = envelopes.addObject();
        v.put("name", name);
        v.put("description", description);
        v.put("jws", jws);
        return v;
    }

    private ObjectNode directoryVector(String name, String description, String jws, String key, ProblemType expected) {
        ObjectNode v = Json.MAPPER.createObjectNode();
        v.put("name", name);
        v.put("description", description);
        v.put("jws", jws);
        v.put("verifyWith", key);
        v.put("expected", expected == null ? "valid" : expected.type().toString());
        return v;
    }

    private ProblemType verdict(String jws) {
        try {
            verifier.verify(jws);
            return null;
        } catch (ProtocolException e) {
            return e.problem();
        }
    }

    private Directory directory(int version, Instant issuedAt) {
        return new Directory(version, issuedAt, List.of(
                participant("AT", "Austria (test)", ParticipantStatus.ACTIVE),
                participant("BG", "Bulgaria (test)", ParticipantStatus.ACTIVE),
                participant("RO", "Romania (test)", ParticipantStatus.SUSPENDED)),
                List.of(new Agreement("AT-BG", List.of("AT", "BG"), Set.of(MessageType.values()),
                        AT_INSTANT.minus(Duration.ofDays(365)), null, Duration.ofHours(72))));
    }

    private Participant participant(String cc, String name, ParticipantStatus status) {
        PublicJsonWebKey gateway = keys.get(cc + "-gw-sig-1");
        List<Map<String, Object>> listed = new java.util.ArrayList<>(
                List.of(Jwks.publicParams(keys.get(cc + "-sig-1")), Jwks.publicParams(keys.get(cc + "-enc-1"))));
        PublicJsonWebKey expired = keys.get(cc + "-sig-2");
        if (expired != null) {
            Map<String, Object> params = new LinkedHashMap<>(Jwks.publicParams(expired));
            params.put(Jwks.EXPIRES, AT_INSTANT.minus(Duration.ofDays(1)).getEpochSecond());
            listed.add(params);
        }
        return new Participant(cc, name, "https://gateway." + cc.toLowerCase() + ".example", status, listed,
                gateway == null ? List.of() : List.of(Jwks.publicParams(gateway)));
    }

    private Envelope envelope(MessageType type, String from, String to, UUID conversation, UUID inReplyTo, String body) {
        Instant created = AT_INSTANT.minus(Duration.ofHours(1));
        return new Envelope(1, uuid(), conversation == null ? uuid() : conversation, inReplyTo, type, from, to,
                created, created.plus(Duration.ofDays(7)), body);
    }

    private String body(String kid, String json) {
        return BodyCipher.encryptJson(json, keys.get(kid));
    }

    private String sign(Envelope envelope, String kid) {
        return new EnvelopeSigner(keys.get(kid)).sign(envelope);
    }

    private PublicJsonWebKey key(String kid, String use) {
        PublicJsonWebKey jwk = Jwks.generate(kid, use);
        keys.put(kid, jwk);
        return jwk;
    }

    private static String nonCanonical(String jws) {
        char last = jws.charAt(jws.length() - 1);
        // 64 bytes are 86 characters: the last carries 2 bits of data and 4 that must be zero.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int value = alphabet.indexOf(last);
        return jws.substring(0, jws.length() - 1) + alphabet.charAt(value | 0x01);
    }

    private String hs256(String payload) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKeyIdHeaderValue("AT-sig-1");
        jws.setHeader("typ", EnvelopeSigner.TYP);
        jws.setEncodedPayload(payload);
        jws.setKey(new HmacKey(Jwks.toJson(keys.get("AT-sig-1"), false).getBytes(StandardCharsets.UTF_8)));
        jws.setDoKeyValidation(false);
        return jws.getCompactSerialization();
    }

    private static String header(String alg, String kid, String typ) {
        return Json.write(new java.util.TreeMap<>(Map.of("alg", alg, "kid", kid, "typ", typ)));
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static UUID uuid() {
        return UUID.randomUUID();
    }

    private static Object readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeJson(Path file, Object tree) throws java.io.IOException {
        Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
