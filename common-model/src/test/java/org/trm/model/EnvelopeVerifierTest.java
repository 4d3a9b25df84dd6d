package org.trm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trm.model.Fixtures.AT_SIG;
import static org.trm.model.Fixtures.BG_ENC;
import static org.trm.model.Fixtures.BG_SIG;
import static org.trm.model.Fixtures.DIRECTORY;
import static org.trm.model.Fixtures.NOW;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;
import org.trm.model.crypto.BodyCipher;
import org.trm.model.crypto.Digests;
import org.trm.model.crypto.Jwks;
import org.trm.model.crypto.LowS;
import org.trm.model.directory.Directory;
import org.trm.model.directory.Participant;
import org.trm.model.directory.ParticipantStatus;
import org.trm.model.envelope.Envelope;
import org.trm.model.envelope.EnvelopeSigner;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.envelope.VerifiedEnvelope;
import org.trm.model.json.Json;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;

class EnvelopeVerifierTest {
    private final EnvelopeVerifier verifier = new EnvelopeVerifier(() -> DIRECTORY, Clock.fixed(NOW, ZoneOffset.UTC));
    private final EnvelopeSigner atSigner = new EnvelopeSigner(AT_SIG);

    private String signedReferral() {
        return atSigner.sign(Fixtures.referral("AT", "BG", BodyCipher.encrypt("{\"v\":1}", BG_ENC)));
    }

    private ProblemType refusal(String jws) {
        return assertThrows(ProtocolException.class, () -> verifier.verify(jws)).problem();
    }

    @Test
    void shouldRoundTripWhenSignedBySendersKey() {
        Envelope sent = Fixtures.referral("AT", "BG", BodyCipher.encrypt("{\"v\":1,\"x\":\"y\"}", BG_ENC));
        String jws = atSigner.sign(sent);

        VerifiedEnvelope verified = verifier.verify(jws);

        assertEquals(sent, verified.envelope());
        assertEquals("AT-sig-1", verified.kid());
        assertEquals(Digests.sha256Hex(jws), verified.sha256());
        assertEquals("{\"v\":1,\"x\":\"y\"}", BodyCipher.decrypt(verified.envelope().body(), List.of(BG_ENC)));
    }

    @Test
    void shouldSignOnlyLowSSoThatEveryMessageHasOneHash() {
        // A signer without normalisation produces a high S about half the time: 64 signatures miss that by chance 1 in 2^64.
        for (int i = 0; i < 64; i++) {
            String jws = signedReferral();
            assertTrue(!LowS.isHigh(jws), "signature " + i + " is high-S");
            verifier.verify(jws);
        }
    }

    @Test
    void shouldRefuseTheHighSTwinOfAValidSignature() {
        String jws = signedReferral();
        String twin = LowS.twin(jws);

        assertNotEquals(Digests.sha256Hex(jws), Digests.sha256Hex(twin));
        assertEquals(ProblemType.NON_CANONICAL_SIGNATURE, refusal(twin));
        assertEquals(jws, LowS.twin(twin), "the twin's twin is the original");
    }

    @Test
    void shouldRefuseEveryFlippedByte() {
        String jws = signedReferral();
        Set<ProblemType> seen = EnumSet.noneOf(ProblemType.class);
        for (int i = 0; i < jws.length(); i++) {
            char c = jws.charAt(i);
            if (c == '.') {
                continue;
            }
            String flipped = jws.substring(0, i) + (c == 'A' ? 'B' : 'A') + jws.substring(i + 1);
            ProtocolException e = assertThrows(ProtocolException.class, () -> verifier.verify(flipped), "position " + i);
            seen.add(e.problem());
        }
        // A flip in the payload or signature is a bad signature; in the header, a malformed or unknown-key header.
        assertTrue(seen.contains(ProblemType.BAD_SIGNATURE));
        assertTrue(Set.of(ProblemType.BAD_SIGNATURE, ProblemType.MALFORMED, ProblemType.UNKNOWN_KEY,
                ProblemType.DISALLOWED_ALGORITHM).containsAll(seen), seen.toString());
    }

    private static String referralFromAtSignedWith(org.jose4j.jwk.PublicJsonWebKey key) {
        return new EnvelopeSigner(key).sign(Fixtures.referral("AT", "BG", "x.y.z.w.v"));
    }

    @Test
    void shouldRefuseUnknownKid() {
        assertEquals(ProblemType.UNKNOWN_KEY, refusal(referralFromAtSignedWith(Jwks.generate("AT-sig-9", Jwks.USE_SIG))));
    }

    @Test
    void shouldRefuseKeyOfAnotherCountry() {
        assertEquals(ProblemType.KEY_NOT_OF_SENDER, refusal(referralFromAtSignedWith(BG_SIG)));
    }

    @Test
    void shouldRefuseKnownKidWithOtherKeyMaterial() {
        assertEquals(ProblemType.BAD_SIGNATURE, refusal(referralFromAtSignedWith(Jwks.generate("AT-sig-1", Jwks.USE_SIG))));
    }

    @Test
    void shouldRefuseExpiredEnvelope() {
        Envelope old = Envelope.create(org.trm.model.code.MessageType.REFERRAL, "AT", "BG", null, null,
                NOW.minus(Duration.ofDays(8)), Duration.ofDays(7), "x.y.z.w.v");
        assertEquals(ProblemType.EXPIRED, refusal(atSigner.sign(old)));
    }

    @Test
    void shouldRefuseAlgNone() {
        String[] parts = signedReferral().split("\\.");
        String header = b64("{\"alg\":\"none\",\"kid\":\"AT-sig-1\",\"typ\":\"trm-envelope+jws\"}");
        assertEquals(ProblemType.DISALLOWED_ALGORITHM, refusal(header + "." + parts[1] + "."));
    }

    @Test
    void shouldRefuseHs256WithThePublicKeyAsSecret() throws Exception {
        Envelope envelope = Fixtures.referral("AT", "BG", "x.y.z.w.v");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKeyIdHeaderValue("AT-sig-1");
        jws.setHeader("typ", EnvelopeSigner.TYP);
        jws.setPayload(Json.write(envelope));
        jws.setKey(new HmacKey(AT_SIG.getPublicKey().getEncoded()));
        jws.setDoKeyValidation(false);
        assertEquals(ProblemType.DISALLOWED_ALGORITHM, refusal(jws.getCompactSerialization()));
    }

    @Test
    void shouldRefuseWrongTyp() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKeyIdHeaderValue("AT-sig-1");
        jws.setPayload(Json.write(Fixtures.referral("AT", "BG", "x.y.z.w.v")));
        jws.setKey(AT_SIG.getPrivateKey());
        assertEquals(ProblemType.MALFORMED, refusal(jws.getCompactSerialization()));
    }

    @Test
    void shouldRefuseAHeaderMemberTheProtocolDoesNotDefine() throws Exception {
        for (String member : List.of("x5u", "cty", "jku", "crit")) {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            jws.setKeyIdHeaderValue("AT-sig-1");
            jws.setHeader("typ", EnvelopeSigner.TYP);
            jws.setHeader(member, "https://attacker.example/x");
            jws.setPayload(Json.write(Fixtures.referral("AT", "BG", BodyCipher.encrypt("{\"v\":1}", BG_ENC))));
            jws.setKey(AT_SIG.getPrivateKey());
            assertEquals(ProblemType.MALFORMED, refusal(LowS.normalise(jws.getCompactSerialization())), member);
        }
    }

    @Test
    void shouldRefuseAValueOfAnotherJsonTypeInsteadOfCoercingIt() {
        String envelope = Json.write(Fixtures.referral("AT", "BG", BodyCipher.encrypt("{\"v\":1}", BG_ENC)));
        String body = envelope.replaceFirst("\"body\":\"[^\"]+\"", "\"body\":42");
        for (String altered : List.of(envelope.replace("\"v\":1", "\"v\":\"1\""), body)) {
            assertNotEquals(envelope, altered);
            String jws = org.trm.model.crypto.Jose.sign(altered, EnvelopeSigner.TYP, AT_SIG);
            assertEquals(ProblemType.MALFORMED, refusal(jws), altered);
        }
    }

    @Test
    void shouldRefuseSuspendedSender() {
        Directory suspended = new Directory(2, NOW, List.of(
                new Participant("AT", "NRM AT", "https://x", ParticipantStatus.SUSPENDED, List.of(Jwks.publicParams(AT_SIG))),
                Fixtures.participant("BG", BG_SIG, BG_ENC)), List.of());
        EnvelopeVerifier strict = new EnvelopeVerifier(() -> suspended, Clock.fixed(NOW, ZoneOffset.UTC));
        ProtocolException e = assertThrows(ProtocolException.class, () -> strict.verify(signedReferral()));
        assertEquals(ProblemType.PARTICIPANT_INACTIVE, e.problem());
    }

    @Test
    void shouldRefuseANewSignatureByAKeyPastItsExpiryButKeepWhatItSignedBeforeVerifiable() {
        java.util.Map<String, Object> expiring = new java.util.LinkedHashMap<>(Jwks.publicParams(AT_SIG));
        expiring.put(Jwks.EXPIRES, NOW.plusSeconds(60).getEpochSecond());
        Directory withExpiry = new Directory(2, NOW, List.of(
                new Participant("AT", "NRM AT", "https://x", ParticipantStatus.ACTIVE, List.of(expiring)),
                Fixtures.participant("BG", BG_SIG, BG_ENC)), List.of());
        String referral = signedReferral();

        new EnvelopeVerifier(() -> withExpiry, Clock.fixed(NOW, ZoneOffset.UTC)).verify(referral);
        EnvelopeVerifier later = new EnvelopeVerifier(() -> withExpiry, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));
        assertEquals(ProblemType.KEY_EXPIRED, assertThrows(ProtocolException.class, () -> later.verify(referral)).problem());
    }

    @Test
    void shouldRefuseADirectoryWhoseKeyExpiryIsNotANumericDate() {
        java.util.Map<String, Object> bad = new java.util.LinkedHashMap<>(Jwks.publicParams(AT_SIG));
        bad.put(Jwks.EXPIRES, "2027-01-01");
        assertThrows(IllegalArgumentException.class,
                () -> new Participant("AT", "NRM AT", "https://x", ParticipantStatus.ACTIVE, List.of(bad)));
    }

    @Test
    void shouldRefuseMalformedEnvelopeJsonEvenWhenSigned() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKeyIdHeaderValue("AT-sig-1");
        jws.setHeader("typ", EnvelopeSigner.TYP);
        jws.setPayload("{\"v\":1,\"type\":\"REFERRAL\",\"from\":\"AT\",\"victimName\":\"Jane\"}");
        jws.setKey(AT_SIG.getPrivateKey());
        // Low-S as every signer makes it: jose4j alone gives a high S half of the time, refused before the JSON is read.
        String signed = LowS.normalise(jws.getCompactSerialization());
        ProtocolException e = assertThrows(ProtocolException.class, () -> verifier.verify(signed));
        assertEquals(ProblemType.MALFORMED, e.problem());
        assertTrue(!e.getMessage().contains("Jane"), "the detail must not echo input");
    }

    @Test
    void shouldRefuseGarbage() {
        assertEquals(ProblemType.MALFORMED, refusal("not a jws"));
        assertEquals(ProblemType.MALFORMED, refusal(""));
    }

    @Test
    void shouldRefuseNonCanonicalBase64urlThatWouldStillVerify() {
        String jws = signedReferral();
        String[] parts = jws.split("\\.");
        // An ES256 signature is 64 bytes: 86 characters, whose last carries 4 bits that decode to nothing.
        String signature = parts[2];
        char last = signature.charAt(signature.length() - 1);
        String variant = parts[0] + "." + parts[1] + "." + signature.substring(0, signature.length() - 1)
                + (char) (last + 1);
        assertArrayEquals(Base64.getUrlDecoder().decode(signature), Base64.getUrlDecoder().decode(variant.split("\\.")[2]));
        assertEquals(ProblemType.MALFORMED, refusal(variant));
        assertEquals(ProblemType.MALFORMED, refusal(parts[0] + "." + parts[1] + "." + signature + "="));
        assertEquals(ProblemType.MALFORMED, refusal(parts[0] + "." + parts[1] + "+." + signature));
        assertEquals(ProblemType.MALFORMED, refusal(parts[0] + "." + parts[1] + "." + signature + "AAA"));
    }

    @Test
    void shouldSignDifferentlyEachTimeButVerifyBoth() {
        Envelope e = Fixtures.referral("AT", "BG", "x.y.z.w.v");
        String a = atSigner.sign(e);
        String b = atSigner.sign(e);
        assertNotEquals(a, b, "ECDSA signatures are randomised");
        assertEquals(verifier.verify(a).envelope(), verifier.verify(b).envelope());
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
