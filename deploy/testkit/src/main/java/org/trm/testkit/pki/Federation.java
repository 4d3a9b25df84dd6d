package org.trm.testkit.pki;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.config.SSLConfig;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.trm.model.crypto.BodyCipher;
import org.trm.model.envelope.Envelope;
import org.trm.model.envelope.EnvelopeSigner;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.code.MessageType;

/**
 * The test federation of a module's tests ({@link Pki#TEST}): callers with the certificates of each
 * country's gateway, node and operator, and envelopes signed with the nodes' real keys.
 */
public final class Federation {
    private static final Pki PKI = Pki.TEST;

    private Federation() {
    }

    /** A REST Assured request presenting the {@code role} certificate of {@code country}. */
    public static RequestSpecification as(String country, String role) {
        return given().config(RestAssured.config().sslConfig(SSLConfig.sslConfig()
                .keyStore(PKI.keystore(country, role).toString(), PKI.password()).keystoreType("PKCS12")
                .trustStore(PKI.truststore().toString(), PKI.password()).trustStoreType("PKCS12")));
    }

    public static RequestSpecification post(RequestSpecification request, String jws) {
        return request.contentType(MediaTypes.ENVELOPE_JWS).body(jws.getBytes(StandardCharsets.US_ASCII));
    }

    public static Envelope envelope(String from, String to, MessageType type) {
        return envelope(UUID.randomUUID(), from, to, type, Instant.now().truncatedTo(ChronoUnit.SECONDS), Duration.ofDays(7));
    }

    public static Envelope envelope(UUID id, String from, String to, MessageType type, Instant createdAt, Duration ttl) {
        String body = BodyCipher.encrypt(Map.of("v", 1, "note", "test " + id), PKI.encryptionKey(to.equals("FR") ? from : to));
        return new Envelope(Envelope.VERSION, id, UUID.randomUUID(), null, type, from, to, createdAt,
                createdAt.plus(ttl), body);
    }

    /** Signed with the sending node's key, as a node would. */
    public static String signed(Envelope e) {
        return sign(e, e.from());
    }

    public static String sign(Envelope e, String keyOf) {
        return new EnvelopeSigner(PKI.signingKey(keyOf)).sign(e);
    }
}
