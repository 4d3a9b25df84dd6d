package org.trm.model.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/** Loading and making the EC P-256 JWKs of nodes and the federation operator. */
public final class Jwks {
    public static final String USE_SIG = "sig";
    public static final String USE_ENC = "enc";

    private Jwks() {
    }

    /** Reads a JWK file (public, or with its private part). */
    public static PublicJsonWebKey load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + file.getFileName(), e);
        }
    }

    public static PublicJsonWebKey parse(String json) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(json);
        } catch (JoseException e) {
            throw new IllegalArgumentException("not an EC or RSA JWK", e);
        }
    }

    public static PublicJsonWebKey fromMap(Map<String, Object> jwk) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(jwk);
        } catch (JoseException e) {
            throw new IllegalArgumentException("not an EC or RSA JWK", e);
        }
    }

    /**
     * The JWK member {@code exp} (NumericDate: seconds since the epoch, as in RFC 7519): the instant
     * from which the directory no longer vouches for the key. A key without it does not expire.
     */
    public static final String EXPIRES = "exp";

    /** When a directory key stops being valid ({@link #EXPIRES}); empty for a key without expiry. */
    public static Optional<Instant> expiry(Map<String, Object> jwk) {
        Object exp = jwk.get(EXPIRES);
        if (exp == null) {
            return Optional.empty();
        }
        if (!(exp instanceof Number n) || n.doubleValue() != Math.floor(n.doubleValue()) || n.longValue() <= 0) {
            throw new IllegalArgumentException("a key's exp must be a positive whole number of seconds");
        }
        return Optional.of(Instant.ofEpochSecond(n.longValue()));
    }

    /** A new P-256 key for {@code use} ({@code sig} or {@code enc}) with the given key id. */
    public static PublicJsonWebKey generate(String kid, String use) {
        try {
            PublicJsonWebKey jwk = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            jwk.setKeyId(kid);
            jwk.setUse(use);
            jwk.setAlgorithm(USE_SIG.equals(use) ? Jose.SIGNATURE_ALG : Jose.KEY_MANAGEMENT_ALG);
            return jwk;
        } catch (JoseException e) {
            throw new IllegalStateException("cannot generate a P-256 key", e);
        }
    }

    /** The JSON of a key; private parts only when asked for. */
    public static String toJson(PublicJsonWebKey jwk, boolean includePrivate) {
        return jwk.toJson(includePrivate ? JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE
                : JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    public static Map<String, Object> publicParams(PublicJsonWebKey jwk) {
        return jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }
}
