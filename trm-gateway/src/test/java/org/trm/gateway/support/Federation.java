package org.trm.gateway.support;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.config.SSLConfig;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.PublicJsonWebKey;
import org.trm.model.crypto.BodyCipher;
import org.trm.model.crypto.Jwks;
import org.trm.model.envelope.Envelope;
import org.trm.model.envelope.EnvelopeSigner;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.envelope.MessageType;

/**
 * The test federation made by deploy/pki/pki.sh in target/pki: callers with the certificates of
 * each country's gateway, node and operator, and envelopes signed with the nodes' real keys.
 */
public final class Federation {
    public static final Path PKI = Path.of("target/pki").toAbsolutePath();
    public static final String PASSWORD = "changeit";

    private Federation() {
    }

    public static Path keystore(String country, String role) {
        return PKI.resolve(country.toLowerCase()).resolve(role + ".p12");
    }

    /** A REST Assured request presenting the {@code role} certificate of {@code country}. */
    public static RequestSpecification as(String country, String role) {
        return given().config(RestAssured.config().sslConfig(SSLConfig.sslConfig()
                .keyStore(keystore(country, role).toString(), PASSWORD).keystoreType("PKCS12")
                .trustStore(PKI.resolve("truststore.p12").toString(), PASSWORD).trustStoreType("PKCS12")));
    }

    public static RequestSpecification post(RequestSpecification request, String jws) {
        return request.contentType(MediaTypes.ENVELOPE_JWS).body(jws.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    public static PublicJsonWebKey signingKey(String country) {
        return Jwks.load(PKI.resolve(country.toLowerCase()).resolve("node-sig-1.jwk"));
    }

    public static PublicJsonWebKey encryptionKey(String country) {
        return Jwks.load(PKI.resolve(country.toLowerCase()).resolve("node-enc-1.jwk"));
    }

    public static Envelope envelope(String from, String to, MessageType type) {
        return envelope(UUID.randomUUID(), from, to, type, Instant.now().truncatedTo(ChronoUnit.SECONDS), Duration.ofDays(7));
    }

    public static Envelope envelope(UUID id, String from, String to, MessageType type, Instant createdAt, Duration ttl) {
        String body = BodyCipher.encrypt(Map.of("v", 1, "note", "test " + id), encryptionKey(to.equals("FR") ? from : to));
        return new Envelope(Envelope.VERSION, id, UUID.randomUUID(), null, type, from, to, createdAt,
                createdAt.plus(ttl), body);
    }

    /** Signed with the sending node's key, as a node would. */
    public static String signed(Envelope e) {
        return sign(e, e.from());
    }

    public static String sign(Envelope e, String keyOf) {
        return new EnvelopeSigner(signingKey(keyOf)).sign(e);
    }
}
