package org.trm.systemtest.hostile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.trm.model.code.MessageType;
import org.trm.model.crypto.BodyCipher;
import org.trm.model.crypto.Jose;
import org.trm.model.crypto.LowS;
import org.trm.model.crypto.Jwks;
import org.trm.model.envelope.Envelope;
import org.trm.model.envelope.EnvelopeSigner;
import org.trm.model.json.Json;
import org.trm.model.problem.ProblemType;
import org.trm.testkit.pki.Pki;

/**
 * Envelopes a hostile or broken partner might send, each with the refusal the protocol prescribes
 * (docs/PROTOCOL.md §3, §4): broken and truncated compact forms, flipped bytes, disallowed
 * algorithms, unknown and foreign keys, the high-S twin, expired and oversized envelopes, and signed
 * envelopes whose JSON breaks §3. Every forgery is built around a fresh valid envelope of its own, so
 * none of them collides with another or with what the federation holds.
 */
final class Forgeries {
    /** One forged envelope: what travels (the compact JWS, or whatever stands in for it) and its refusal. */
    record Forgery(String name, String jws, Expect.Problem expect) {
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    /** A gateway refuses an envelope above 65,536 characters (trm.max-envelope-bytes). */
    static final int MAX_ENVELOPE = 65_536;

    private final Pki pki;
    private final PublicJsonWebKey rogue;

    Forgeries(Pki pki) {
        this.pki = pki;
        // Not in the directory: a key an attacker made, named like a key of the sender.
        this.rogue = Jwks.generate("AT-sig-9", Jwks.USE_SIG);
    }

    /** A valid envelope from {@code from} to {@code to}, its body encrypted for the recipient. */
    Envelope envelope(String from, String to) {
        return envelope(UUID.randomUUID(), from, to, Instant.now().truncatedTo(ChronoUnit.SECONDS), Duration.ofDays(7), "a test");
    }

    Envelope envelope(UUID messageId, String from, String to, Instant createdAt, Duration ttl, String note) {
        String body = BodyCipher.encrypt(Map.of("v", 1, "note", note), pki.encryptionKey(to));
        return new Envelope(Envelope.VERSION, messageId, UUID.randomUUID(), null, MessageType.CASE_UPDATE, from, to,
                createdAt, createdAt.plus(ttl), body);
    }

    /** Signed, low-S as the protocol requires, with the key of {@code keyOf}. */
    String sign(Envelope e, String keyOf) {
        return lowS(new EnvelopeSigner(pki.signingKey(keyOf)).sign(e));
    }

    String signed(Envelope e) {
        return sign(e, e.from());
    }

    /** The forgeries that do not depend on the border they are sent to: envelopes from {@code from} to {@code to}. */
    List<Forgery> all(String from, String to) {
        List<Forgery> out = new ArrayList<>();
        structure(out, from, to);
        truncated(out, from, to);
        flipped(out, from, to);
        algorithms(out, from, to);
        keys(out, from, to);
        out.add(new Forgery("high-S twin of a valid signature", highS(signed(envelope(from, to))), Expect.HIGH_S));
        Instant past = Instant.now().minus(Duration.ofDays(8)).truncatedTo(ChronoUnit.SECONDS);
        out.add(new Forgery("expired a day ago", signed(envelope(UUID.randomUUID(), from, to, past, Duration.ofDays(7), "old")),
                Expect.of(ProblemType.EXPIRED)));
        Instant justNow = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        out.add(new Forgery("expired a second ago", signed(envelope(UUID.randomUUID(), from, to, justNow, Duration.ofSeconds(4), "old")),
                Expect.of(ProblemType.EXPIRED)));
        schema(out, from, to);
        out.add(new Forgery("oversized by one character", oversized(from, to, MAX_ENVELOPE + 1), Expect.of(ProblemType.TOO_LARGE)));
        return out;
    }

    // --- the compact form ---------------------------------------------------------------------------

    private void structure(List<Forgery> out, String from, String to) {
        String good = signed(envelope(from, to));
        String[] p = good.split("\\.");
        Expect.Problem malformed = Expect.of(ProblemType.MALFORMED);
        out.add(new Forgery("not a JWS", "hello", malformed));
        out.add(new Forgery("empty body", "", malformed));
        out.add(new Forgery("only dots", "..", malformed));
        out.add(new Forgery("two parts", p[0] + "." + p[1], malformed));
        out.add(new Forgery("four parts", good + "." + p[2], malformed));
        out.add(new Forgery("the envelope JSON unsigned", new String(B64D.decode(p[1]), StandardCharsets.UTF_8), malformed));
        out.add(new Forgery("JWS JSON serialization", Json.write(Map.of("protected", p[0], "payload", p[1], "signature", p[2])), malformed));
        out.add(new Forgery("white space inside the payload", p[0] + "." + p[1].substring(0, 20) + " " + p[1].substring(20) + "." + p[2], malformed));
        out.add(new Forgery("standard base64 alphabet (+ and /)", p[0] + "." + p[1] + "." + p[2].replace('-', '+').replace('_', '/')
                + (p[2].contains("-") || p[2].contains("_") ? "" : "+"), malformed));
        out.add(new Forgery("padding on the signature", good + "==", malformed));
        out.add(new Forgery("non-canonical last character of the signature", nonCanonical(good), malformed));
        out.add(new Forgery("header not JSON", b64("not json") + "." + p[1] + "." + p[2], malformed));
        out.add(new Forgery("header a JSON array", b64("[\"ES256\"]") + "." + p[1] + "." + p[2], malformed));
        out.add(new Forgery("NUL bytes", "\0\0\0." + p[1] + "." + p[2], malformed));
    }

    private void truncated(List<Forgery> out, String from, String to) {
        String good = signed(envelope(from, to));
        Expect.Problem malformed = Expect.of(ProblemType.MALFORMED);
        int headerEnd = good.indexOf('.');
        int payloadEnd = good.lastIndexOf('.');
        out.add(new Forgery("truncated in the header", good.substring(0, headerEnd / 2), malformed));
        out.add(new Forgery("truncated after the header", good.substring(0, headerEnd + 1), malformed));
        out.add(new Forgery("truncated in the payload", good.substring(0, (headerEnd + payloadEnd) / 2), malformed));
        out.add(new Forgery("truncated before the signature", good.substring(0, payloadEnd + 1), Expect.of(ProblemType.BAD_SIGNATURE)));
        out.add(new Forgery("signature cut by one character", good.substring(0, good.length() - 1), malformed));
        out.add(new Forgery("signature cut by two characters", good.substring(0, good.length() - 2), Expect.of(ProblemType.BAD_SIGNATURE)));
        out.add(new Forgery("signature cut to half", good.substring(0, payloadEnd + 1 + 44), Expect.of(ProblemType.BAD_SIGNATURE)));
        int middle = (headerEnd + payloadEnd) / 2;
        out.add(new Forgery("four characters cut from the payload's middle",
                good.substring(0, middle) + good.substring(middle + 4), Expect.of(ProblemType.BAD_SIGNATURE)));
    }

    private void flipped(List<Forgery> out, String from, String to) {
        String good = signed(envelope(from, to));
        int headerEnd = good.indexOf('.');
        int payloadEnd = good.lastIndexOf('.');
        Expect.Problem badSignature = Expect.of(ProblemType.BAD_SIGNATURE);
        // In the decoded payload: one character of the body replaced by another of its alphabet, so that
        // the JSON stays valid and only the signature can tell; and one byte made invalid UTF-8.
        String payload = new String(B64D.decode(good.substring(headerEnd + 1, payloadEnd)), StandardCharsets.UTF_8);
        int bodyAt = payload.indexOf("\"body\":\"") + 8;
        for (int percent : new int[] {1, 30, 60, 99}) {
            int at = bodyAt + (payload.length() - bodyAt - 3) * percent / 100;
            char c = payload.charAt(at);
            String edited = payload.substring(0, at) + (c == 'A' ? 'B' : 'A') + payload.substring(at + 1);
            out.add(new Forgery("payload byte flipped at " + percent + "% of the body, JSON intact", good.substring(0, headerEnd + 1)
                    + b64(edited) + good.substring(payloadEnd), badSignature));
        }
        byte[] raw = payload.getBytes(StandardCharsets.UTF_8);
        raw[bodyAt + 10] = (byte) 0xff;
        // Every hop checks the signature before it reads the envelope JSON (§4).
        out.add(new Forgery("payload byte flipped to invalid UTF-8", good.substring(0, headerEnd + 1)
                + B64.encodeToString(raw) + good.substring(payloadEnd), badSignature));
        for (int at : new int[] {0, 21, 42, 64, 84}) {
            out.add(new Forgery("signature byte flipped at " + at, flip(good, payloadEnd + 1 + at), badSignature));
        }
        // The header as decoded JSON, edited and re-encoded; the signature no longer covers it, but
        // each hop refuses at the first check it fails (§4).
        String[] p = good.split("\\.");
        String kid = from + "-sig-1";
        out.add(new Forgery("header: typ changed", header(Map.of("alg", "ES256", "kid", kid, "typ", "trm-envelope+jwt")) + "." + p[1] + "." + p[2],
                Expect.of(ProblemType.MALFORMED)));
        out.add(new Forgery("header: typ missing", header(Map.of("alg", "ES256", "kid", kid)) + "." + p[1] + "." + p[2],
                Expect.of(ProblemType.MALFORMED)));
        out.add(new Forgery("header: kid's rotation number changed", header(Map.of("alg", "ES256", "kid", from + "-sig-2",
                "typ", EnvelopeSigner.TYP)) + "." + p[1] + "." + p[2], Expect.of(ProblemType.UNKNOWN_KEY)));
        out.add(new Forgery("header: kid changed to another country's key", header(Map.of("alg", "ES256", "kid", other(from, to) + "-sig-1",
                "typ", EnvelopeSigner.TYP)) + "." + p[1] + "." + p[2], Expect.of(ProblemType.BAD_SIGNATURE)));
        Map<String, Object> withJwk = new LinkedHashMap<>(Map.of("alg", "ES256", "kid", kid, "typ", EnvelopeSigner.TYP));
        withJwk.put("jwk", Jwks.publicParams(rogue));
        Expect.Problem malformed = Expect.of(ProblemType.MALFORMED);
        // A member beyond alg, kid and typ is refused before the key or the signature is looked at (§4).
        out.add(new Forgery("header: the attacker's jwk embedded, signature unchanged", header(withJwk) + "." + p[1] + "." + p[2],
                malformed));
        // §4: the protected header has exactly alg, kid and typ; signed by the sender's real key, only that rule refuses these.
        out.add(new Forgery("header: an extra member x5u, validly signed", signedWithHeader(envelope(from, to), "x5u", "https://attacker.example/x5u"), malformed));
        out.add(new Forgery("header: an extra member cty, validly signed", signedWithHeader(envelope(from, to), "cty", "JWT"), malformed));
        out.add(new Forgery("header: duplicate alg member",
                b64("{\"alg\":\"none\",\"alg\":\"ES256\",\"kid\":\"" + kid + "\",\"typ\":\"trm-envelope+jws\"}") + "." + p[1] + "." + p[2],
                Expect.of(ProblemType.MALFORMED)));
    }

    private void algorithms(List<Forgery> out, String from, String to) {
        String good = signed(envelope(from, to));
        String[] p = good.split("\\.");
        String kid = from + "-sig-1";
        Expect.Problem disallowed = Expect.of(ProblemType.DISALLOWED_ALGORITHM);
        out.add(new Forgery("alg none, no signature", header(Map.of("alg", "none", "kid", kid, "typ", EnvelopeSigner.TYP)) + "." + p[1] + ".", disallowed));
        out.add(new Forgery("alg none, with the original signature", header(Map.of("alg", "none", "kid", kid, "typ", EnvelopeSigner.TYP))
                + "." + p[1] + "." + p[2], disallowed));
        out.add(new Forgery("alg None", header(Map.of("alg", "None", "kid", kid, "typ", EnvelopeSigner.TYP)) + "." + p[1] + ".", disallowed));
        out.add(new Forgery("alg ES384", header(Map.of("alg", "ES384", "kid", kid, "typ", EnvelopeSigner.TYP)) + "." + p[1] + "." + p[2], disallowed));
        out.add(new Forgery("alg RS256", header(Map.of("alg", "RS256", "kid", kid, "typ", EnvelopeSigner.TYP)) + "." + p[1] + "." + p[2], disallowed));
        out.add(new Forgery("alg es256 (lower case)", header(Map.of("alg", "es256", "kid", kid, "typ", EnvelopeSigner.TYP)) + "." + p[1] + "." + p[2], disallowed));
        out.add(new Forgery("alg missing", header(Map.of("kid", kid, "typ", EnvelopeSigner.TYP)) + "." + p[1] + "." + p[2], disallowed));
        PublicJsonWebKey senderKey = pki.signingKey(from);
        String publicJwk = Jwks.toJson(senderKey, false);
        out.add(new Forgery("HS256 keyed with the sender's public JWK", hmac(AlgorithmIdentifiers.HMAC_SHA256, kid, p[1],
                publicJwk.getBytes(StandardCharsets.UTF_8)), disallowed));
        out.add(new Forgery("HS256 keyed with the sender's public key (X.509 DER)", hmac(AlgorithmIdentifiers.HMAC_SHA256, kid, p[1],
                senderKey.getPublicKey().getEncoded()), disallowed));
        out.add(new Forgery("HS512 keyed with the sender's public JWK", hmac(AlgorithmIdentifiers.HMAC_SHA512, kid, p[1],
                publicJwk.getBytes(StandardCharsets.UTF_8)), disallowed));
    }

    private void keys(List<Forgery> out, String from, String to) {
        Envelope e = envelope(from, to);
        String third = other(from, to);
        out.add(new Forgery("unknown kid, signed by a key not in the directory",
                lowS(Jose.sign(Json.write(e), EnvelopeSigner.TYP, renamed(rogue, from + "-sig-9"))), Expect.of(ProblemType.UNKNOWN_KEY)));
        out.add(new Forgery("unknown kid with SQL in it", lowS(Jose.sign(Json.write(e), EnvelopeSigner.TYP,
                renamed(rogue, "' OR '1'='1"))), Expect.of(ProblemType.UNKNOWN_KEY)));
        out.add(new Forgery("the sender's encryption key id as kid", lowS(Jose.sign(Json.write(e), EnvelopeSigner.TYP,
                renamed(pki.signingKey(from), from + "-enc-1"))), Expect.of(ProblemType.UNKNOWN_KEY)));
        out.add(new Forgery("foreign kid: signed with the recipient's key", sign(e, to), Expect.of(ProblemType.KEY_NOT_OF_SENDER)));
        out.add(new Forgery("foreign kid: signed with a third country's key", sign(e, third), Expect.of(ProblemType.KEY_NOT_OF_SENDER)));
        out.add(new Forgery("foreign kid named, sender's key used", lowS(Jose.sign(Json.write(e), EnvelopeSigner.TYP,
                renamed(pki.signingKey(from), third + "-sig-1"))), Expect.of(ProblemType.BAD_SIGNATURE)));
        out.add(new Forgery("sender's kid named, a rogue key used", lowS(Jose.sign(Json.write(e), EnvelopeSigner.TYP,
                renamed(rogue, from + "-sig-1"))), Expect.of(ProblemType.BAD_SIGNATURE)));
    }

    // --- signed envelopes that break §3 ------------------------------------------------------------

    private void schema(List<Forgery> out, String from, String to) {
        Expect.Problem malformed = Expect.of(ProblemType.MALFORMED);
        out.add(schemaCase("an unknown field", from, to, m -> m.put("priority", "urgent"), malformed));
        out.add(schemaCase("messageId missing", from, to, m -> m.remove("messageId"), malformed));
        out.add(schemaCase("messageId not a UUID", from, to, m -> m.put("messageId", "1; DROP TABLE messages"), malformed));
        out.add(schemaCase("messageId null", from, to, m -> m.put("messageId", null), malformed));
        out.add(schemaCase("v is 2", from, to, m -> m.put("v", 2), malformed));
        out.add(schemaCase("v is a string", from, to, m -> m.put("v", "1"), malformed));
        out.add(schemaCase("type unknown", from, to, m -> m.put("type", "PING"), malformed));
        out.add(schemaCase("type a script", from, to, m -> m.put("type", "<script>alert(1)</script>"), malformed));
        out.add(schemaCase("to equals from", from, to, m -> m.put("to", from), malformed));
        out.add(schemaCase("to in lower case", from, to, m -> m.put("to", to.toLowerCase()), malformed));
        out.add(schemaCase("to a SQL fragment", from, to, m -> m.put("to", "BG' OR '1'='1"), malformed));
        out.add(schemaCase("body empty", from, to, m -> m.put("body", ""), malformed));
        out.add(schemaCase("body missing", from, to, m -> m.remove("body"), malformed));
        out.add(schemaCase("body a number", from, to, m -> m.put("body", 42), malformed));
        out.add(schemaCase("createdAt not an instant", from, to, m -> m.put("createdAt", "yesterday"), malformed));
        out.add(schemaCase("expiresAt before createdAt", from, to, m -> m.put("expiresAt", m.get("createdAt").toString()
                .replaceFirst("^\\d{4}", "2000")), malformed));
        out.add(schemaCase("a RECEIPT without inReplyTo", from, to, m -> m.put("type", "RECEIPT"), malformed));
        out.add(schemaCase("inReplyTo not a UUID", from, to, m -> m.put("inReplyTo", "' OR 1=1 --"), malformed));
        out.add(schemaCase("conversationId not a UUID", from, to, m -> m.put("conversationId", "<img src=x onerror=alert(1)>"), malformed));
        PublicJsonWebKey key = pki.signingKey(from);
        out.add(new Forgery("payload a JSON array", lowS(Jose.sign("[1,2,3]", EnvelopeSigner.TYP, key)), malformed));
        out.add(new Forgery("payload not JSON", lowS(Jose.sign("not json at all", EnvelopeSigner.TYP, key)), malformed));
        out.add(new Forgery("payload truncated JSON", lowS(Jose.sign("{\"v\":1,\"messageId\":", EnvelopeSigner.TYP, key)), malformed));
        String json = Json.write(envelope(from, to));
        out.add(new Forgery("payload with a duplicate to member", lowS(Jose.sign(json.substring(0, json.length() - 1)
                + ",\"to\":\"" + other(from, to) + "\"}", EnvelopeSigner.TYP, key)), malformed));
    }

    private Forgery schemaCase(String name, String from, String to, Consumer<Map<String, Object>> edit, Expect.Problem expect) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = new LinkedHashMap<>(Json.read(Json.write(envelope(from, to)), Map.class));
        edit.accept(m);
        return new Forgery("signed JSON: " + name, lowS(Jose.sign(Json.write(m), EnvelopeSigner.TYP, pki.signingKey(from))), expect);
    }

    /** A validly signed envelope whose compact form is exactly {@code length} characters long. */
    String oversized(String from, String to, int length) {
        Envelope base = envelope(from, to);
        int plain = signed(base).length();
        // The note grows the JWE (and the JWS around it) by about 16/9 of its length.
        String note = "x".repeat(Math.max(0, (length - plain) * 9 / 16));
        for (int i = 0; i < 40; i++) {
            Envelope e = envelope(base.messageId(), from, to, base.createdAt(), Duration.ofDays(7), note);
            String jws = signed(e);
            if (jws.length() >= length) {
                return jws;
            }
            note = note + "x".repeat(Math.max(1, (length - jws.length()) * 9 / 16));
        }
        throw new IllegalStateException("could not grow an envelope to " + length);
    }

    // --- helpers ------------------------------------------------------------------------------------

    private static String other(String from, String to) {
        return List.of("AT", "BG", "RO").stream().filter(c -> !c.equals(from) && !c.equals(to)).findFirst().orElseThrow();
    }

    private static PublicJsonWebKey renamed(PublicJsonWebKey key, String kid) {
        PublicJsonWebKey copy = Jwks.parse(Jwks.toJson(key, true));
        copy.setKeyId(kid);
        return copy;
    }

    /** Signed with the sender's real key, with one header member more than §4 allows. */
    private String signedWithHeader(Envelope e, String name, String value) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setProviderContext(Jose.providers());
            jws.setAlgorithmHeaderValue(Jose.SIGNATURE_ALG);
            PublicJsonWebKey key = pki.signingKey(e.from());
            jws.setKeyIdHeaderValue(key.getKeyId());
            jws.setHeader("typ", EnvelopeSigner.TYP);
            jws.setHeader(name, value);
            jws.setPayload(Json.write(e));
            jws.setKey(key.getPrivateKey());
            return lowS(jws.getCompactSerialization());
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String hmac(String alg, String kid, String encodedPayload, byte[] secret) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmHeaderValue(alg);
            jws.setKeyIdHeaderValue(kid);
            jws.setHeader("typ", EnvelopeSigner.TYP);
            jws.setEncodedPayload(encodedPayload);
            jws.setKey(new HmacKey(secret));
            jws.setDoKeyValidation(false);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(Map<String, ?> members) {
        return b64(Json.write(new java.util.TreeMap<>(members)));
    }

    static String b64(String text) {
        return B64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** One base64url character replaced by another valid one: the decoded bytes change, the form stays canonical. */
    private static String flip(String jws, int at) {
        char c = jws.charAt(at);
        return jws.substring(0, at) + (c == 'A' ? 'Q' : 'A') + jws.substring(at + 1);
    }

    private static String nonCanonical(String jws) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int value = alphabet.indexOf(jws.charAt(jws.length() - 1));
        // 64 signature bytes are 86 characters: the last one carries 2 bits and 4 that must be zero.
        return jws.substring(0, jws.length() - 1) + alphabet.charAt(value | 0x01);
    }

    static String lowS(String jws) {
        return LowS.normalise(jws);
    }

    /** The high-S twin: the same signature, which verifies, in the form the protocol refuses. */
    static String highS(String jws) {
        return LowS.twin(LowS.normalise(jws));
    }
}
