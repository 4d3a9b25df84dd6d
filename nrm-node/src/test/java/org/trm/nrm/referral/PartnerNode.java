package org.trm.nrm.referral;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.io.File;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jose4j.jwk.PublicJsonWebKey;
import org.trm.model.crypto.BodyCipher;
import org.trm.model.crypto.Jwks;
import org.trm.model.directory.DirectoryStore;
import org.trm.model.envelope.Envelope;
import org.trm.model.envelope.EnvelopeBatch;
import org.trm.model.envelope.EnvelopeSigner;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.code.MessageType;
import org.trm.model.payload.Payloads;
import org.trm.model.payload.Receipt;
import org.trm.testkit.pki.Pki;

/**
 * Another country's node, with its real keys from target/pki, writing to node AT as AT's gateway
 * would deliver it: over mutual TLS with a certificate of the caller's choosing.
 */
final class PartnerNode {
    static final Pki PKI = FederationProfile.PKI;
    static final DirectoryStore DIRECTORY = new DirectoryStore(PKI.directory(), Jwks.load(PKI.operatorPublicKey()));

    final String country;
    final EnvelopeSigner signer;
    final PublicJsonWebKey encryptionKey;

    PartnerNode(String country) {
        this.country = country;
        this.signer = new EnvelopeSigner(PKI.signingKey(country));
        this.encryptionKey = PKI.encryptionKey(country);
    }

    static PublicJsonWebKey encryptionKeyOf(String country) {
        return DIRECTORY.current().participant(country).orElseThrow().encryptionKey(java.time.Instant.now()).orElseThrow();
    }

    String envelope(MessageType type, UUID conversationId, Object payload) {
        return envelope(type, conversationId, payload, encryptionKeyOf("AT"), Instant.now());
    }

    String envelope(MessageType type, UUID conversationId, Object payload, PublicJsonWebKey to, Instant createdAt) {
        String body = BodyCipher.encrypt(payload, to);
        return signer.sign(Envelope.create(type, country, "AT", conversationId, null, createdAt, Duration.ofDays(7), body));
    }

    /** Posts to AT's inbox with the client certificate {@code <cc>/<role>.p12}. */
    static Response deliver(URL https, String certificate, String jws) {
        return given().baseUri(https.toString())
                .keyStore(keystore(certificate), PKI.password())
                .trustStore(PKI.truststore().toFile(), PKI.password())
                .contentType(MediaTypes.ENVELOPE_JWS).body(jws.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .post("/federation/v1/inbox");
    }

    /** Posts envelopes to AT's inbox as one batch, with the client certificate {@code <cc>/<role>.p12}. */
    static Response deliverBatch(URL https, String certificate, List<String> envelopes) {
        return given().baseUri(https.toString())
                .keyStore(keystore(certificate), PKI.password())
                .trustStore(PKI.truststore().toFile(), PKI.password())
                .contentType(MediaTypes.ENVELOPE_BATCH).body(org.trm.model.json.Json.write(new EnvelopeBatch(envelopes)))
                .post("/federation/v1/inbox");
    }

    /** The keystore {@code <cc>/<role>}, e.g. bg/gateway. */
    private static File keystore(String certificate) {
        String[] countryAndRole = certificate.split("/");
        return PKI.keystore(countryAndRole[0], countryAndRole[1]).toFile();
    }

    /** Checks a receipt as the partner would: AT's signature, addressed here, the hash of what was sent. */
    Receipt verifyReceipt(String receiptJws, String sentJws) {
        var verified = new EnvelopeVerifier(DIRECTORY::current, Clock.systemUTC()).verify(receiptJws);
        Envelope e = verified.envelope();
        if (e.type() != MessageType.RECEIPT || !e.from().equals("AT") || !e.to().equals(country)) {
            throw new AssertionError("not a receipt from AT to " + country);
        }
        Receipt receipt = BodyCipher.decrypt(e.body(), List.of(encryptionKey), Receipt.class);
        if (!receipt.sha256().equals(org.trm.model.crypto.Digests.sha256Hex(sentJws))
                || !receipt.messageId().equals(e.inReplyTo())) {
            throw new AssertionError("the receipt is not for the message sent");
        }
        return receipt;
    }

    static int version() {
        return Payloads.VERSION;
    }
}
