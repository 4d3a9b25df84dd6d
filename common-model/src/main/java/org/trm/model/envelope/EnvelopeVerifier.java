package org.trm.model.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;
import org.trm.model.code.MessageType;
import org.trm.model.crypto.Digests;
import org.trm.model.crypto.Jose;
import org.trm.model.crypto.LowS;
import org.trm.model.crypto.Jwks;
import org.trm.model.directory.Directory;
import org.trm.model.directory.Participant;
import org.trm.model.json.Json;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;

/**
 * Checks an envelope as every hop must: ES256 only, a signing key the directory lists, that key
 * belonging to the sender, a valid signature, an active sender, not expired. Each failure has its
 * own problem type, so that a refusal says exactly what was wrong.
 */
public final class EnvelopeVerifier {

    private static final Set<String> HEADER_MEMBERS = Set.of("alg", "kid", "typ");

    private final Supplier<Directory> directory;
    private final Clock clock;
    private volatile KeyIndex index;

    public EnvelopeVerifier(Supplier<Directory> directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * A compact JWS that has been read but not checked. What it claims may decide cheap refusals
     * that come before the signature (a gateway first asks whether its peer may speak for
     * {@code from}); {@link #verify(Unverified)} then checks it without reading it again.
     */
    public static final class Unverified {
        private final String compact;
        private final JsonWebSignature jws;
        private Envelope claimed;

        private Unverified(String compact, JsonWebSignature jws) {
            this.compact = compact;
            this.jws = jws;
        }

        /** The envelope as it claims to be: for decisions only once it is verified, or to refuse it. */
        public Envelope claimed() {
            if (claimed == null) {
                claimed = Json.read(jws.getUnverifiedPayload(), Envelope.class);
            }
            return claimed;
        }
    }

    /** Reads a compact JWS (canonical base64url only) without checking it. */
    public static Unverified read(String compactJws) {
        return new Unverified(compactJws, parse(compactJws));
    }

    public VerifiedEnvelope verify(String compactJws) {
        return verify(read(compactJws));
    }

    public VerifiedEnvelope verify(Unverified unverified) {
        Directory current = directory.get();
        JsonWebSignature jws = unverified.jws;
        SigningKey key = checkSignature(unverified.compact, jws, EnvelopeSigner.TYP, current);
        String kid = jws.getKeyIdHeaderValue();
        Envelope envelope = unverified.claimed();
        if (!key.country.equals(envelope.from())) {
            throw new ProtocolException(ProblemType.KEY_NOT_OF_SENDER, "signed with a key of another participant");
        }
        requireKeyRole(key, envelope.type());
        Participant sender = current.participant(envelope.from()).orElseThrow();
        if (!sender.active()) {
            throw new ProtocolException(ProblemType.PARTICIPANT_INACTIVE, "the sender is not active");
        }
        if (!clock.instant().isBefore(envelope.expiresAt())) {
            throw new ProtocolException(ProblemType.EXPIRED, "expired at " + envelope.expiresAt());
        }
        String compact = unverified.compact;
        return new VerifiedEnvelope(envelope, compact, Digests.sha256Hex(compact), kid);
    }

    /**
     * Another document a participant signs with its envelope signing key, such as an audit
     * checkpoint: checked as an envelope's signature is (canonical compact form, ES256 only, its own
     * {@code typ}, exactly alg, kid and typ, a key the directory lists, a valid low-S signature). Which participant the key belongs
     * to is the caller's to compare with what the document claims.
     */
    public SignedDocument verifyDocument(String compactJws, String typ) {
        JsonWebSignature jws = parse(compactJws);
        SigningKey key = checkSignature(compactJws, jws, typ, directory.get());
        if (key.gateway) {
            throw new ProtocolException(ProblemType.KEY_ROLE_MISMATCH, "a gateway key signs delivery failures only");
        }
        return new SignedDocument(key.country, jws.getKeyIdHeaderValue(), jws.getUnverifiedPayload());
    }

    /** A document whose signature verified: the country whose key signed it, that key, the signed JSON. */
    public record SignedDocument(String signer, String kid, String payload) {
    }

    /** The checks every signed document of the federation passes, in the order their refusals are named. */
    private SigningKey checkSignature(String compact, JsonWebSignature jws, String typ, Directory current) {
        String alg = jws.getAlgorithmHeaderValue();
        if (!Jose.SIGNATURE_ALG.equals(alg)) {
            throw new ProtocolException(ProblemType.DISALLOWED_ALGORITHM, "only " + Jose.SIGNATURE_ALG + " is allowed");
        }
        if (!typ.equals(jws.getHeader("typ"))) {
            throw new ProtocolException(ProblemType.MALFORMED, "typ must be " + typ);
        }
        requireExactHeader(jws);
        SigningKey key = index(current).keys.get(jws.getKeyIdHeaderValue());
        if (key == null) {
            throw new ProtocolException(ProblemType.UNKNOWN_KEY, "no signing key with this kid in the directory");
        }
        // Judged at the verifier's clock: the evidence verifier's is the envelope's own time, so what
        // a key signed while it was valid stays provable after it expired.
        if (key.expires != null && !clock.instant().isBefore(key.expires)) {
            throw new ProtocolException(ProblemType.KEY_EXPIRED, "the signing key expired at " + key.expires);
        }
        jws.setKey(key.publicKey);
        if (!signatureValid(jws)) {
            throw new ProtocolException(ProblemType.BAD_SIGNATURE, "the signature does not verify");
        }
        // After the signature: a high-S twin is a valid signature, refused for its form alone.
        if (LowS.isHigh(compact)) {
            throw new ProtocolException(ProblemType.NON_CANONICAL_SIGNATURE, "the signature's S is above n/2");
        }
        return key;
    }

    /**
     * A failure signal is the word of a gateway, everything else that of a node: a gateway's key
     * signs DELIVERY_FAILURE only and only a gateway's key signs one, so that a relay can never
     * speak for its node, nor a node forge what a gateway saw.
     */
    private static void requireKeyRole(SigningKey key, MessageType type) {
        if ((type == MessageType.DELIVERY_FAILURE) != key.gateway) {
            throw new ProtocolException(ProblemType.KEY_ROLE_MISMATCH, key.gateway
                    ? "a gateway key signs delivery failures only" : "a delivery failure must be signed by a gateway key");
        }
    }

    /**
     * The protected header has exactly {@code alg}, {@code kid} and {@code typ}: a member the
     * protocol does not define (a {@code jku}, {@code x5u} or {@code crit}) is nothing a receiver
     * may act on, so it is refused rather than carried signed but unread.
     */
    private static void requireExactHeader(JsonWebSignature jws) {
        try {
            var names = new HashSet<String>();
            Json.MAPPER.readTree(jws.getHeaders().getFullHeaderAsJsonString()).fieldNames().forEachRemaining(names::add);
            if (!names.equals(HEADER_MEMBERS)) {
                throw new ProtocolException(ProblemType.MALFORMED, "the protected header must have exactly alg, kid and typ");
            }
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ProblemType.MALFORMED, "the protected header is not JSON", e);
        }
    }

    /** Reads the envelope without checking anything: for diagnostics only, never for decisions. */
    public static Envelope peek(String compactJws) {
        return read(compactJws).claimed();
    }

    private static JsonWebSignature parse(String compactJws) {
        requireCanonical(compactJws);
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setProviderContext(Jose.providers());
            jws.setAlgorithmConstraints(Jose.only(Jose.SIGNATURE_ALG));
            jws.setCompactSerialization(compactJws);
            return jws;
        } catch (JoseException | RuntimeException e) {
            throw new ProtocolException(ProblemType.MALFORMED, "not a compact JWS", e);
        }
    }

    /**
     * Base64url lets the last character of a part vary in bits that decode to nothing. Such a
     * variant verifies but hashes differently, which would defeat duplicate detection and muddy the
     * evidence: only the canonical encoding is accepted.
     */
    private static void requireCanonical(String compactJws) {
        String[] parts = compactJws.split("\\.", -1);
        if (parts.length != 3) {
            throw new ProtocolException(ProblemType.MALFORMED, "not a compact JWS");
        }
        for (String part : parts) {
            int last = -1;
            for (int i = 0; i < part.length(); i++) {
                last = base64UrlValue(part.charAt(i));
                if (last < 0) {
                    throw new ProtocolException(ProblemType.MALFORMED, "not base64url");
                }
            }
            // The last character of a part whose length is 2 or 3 mod 4 carries 4 or 2 bits that decode to nothing.
            int unused = switch (part.length() % 4) {
                case 1 -> throw new ProtocolException(ProblemType.MALFORMED, "not base64url");
                case 2 -> 0x0F;
                case 3 -> 0x03;
                default -> 0;
            };
            if ((last & unused) != 0) {
                throw new ProtocolException(ProblemType.MALFORMED, "not canonical base64url");
            }
        }
    }

    private static int base64UrlValue(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : c == '_' ? 63 : -1;
    }

    private static boolean signatureValid(JsonWebSignature jws) {
        try {
            return jws.verifySignature();
        } catch (JoseException e) {
            return false;
        }
    }

    private KeyIndex index(Directory current) {
        KeyIndex cached = index;
        if (cached == null || cached.directory != current) {
            cached = new KeyIndex(current);
            index = cached;
        }
        return cached;
    }

    /** A directory key as a key of the signature provider ({@link Jose}), made once per directory version. */
    private record SigningKey(String country, PublicKey publicKey, boolean gateway, Instant expires) {
        static SigningKey of(String country, PublicJsonWebKey jwk, boolean gateway, Instant expires) {
            try {
                KeyFactory factory = Jose.keyFactory(jwk.getPublicKey().getAlgorithm());
                return new SigningKey(country, factory.generatePublic(new X509EncodedKeySpec(jwk.getPublicKey().getEncoded())),
                        gateway, expires);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("the directory lists a key the signature provider cannot read", e);
            }
        }
    }

    /** The directory's signing keys by kid, parsed once per directory version. */
    private static final class KeyIndex {
        final Directory directory;
        final Map<String, SigningKey> keys = new HashMap<>();

        KeyIndex(Directory directory) {
            this.directory = directory;
            for (Participant p : directory.participants()) {
                add(p, p.keys(), false);
                add(p, p.gatewayKeys(), true);
            }
        }

        private void add(Participant p, List<Map<String, Object>> listed, boolean gateway) {
            for (Map<String, Object> params : listed) {
                PublicJsonWebKey jwk = Jwks.fromMap(params);
                if (Jwks.USE_SIG.equals(jwk.getUse()) && jwk.getKeyId() != null) {
                    keys.put(jwk.getKeyId(), SigningKey.of(p.country(), jwk, gateway, Jwks.expiry(params).orElse(null)));
                }
            }
        }
    }
}
