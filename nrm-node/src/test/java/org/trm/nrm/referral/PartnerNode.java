package org.trm.nrm.referral;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.io.File;
import java.net.URL;
import java.nio.file.Path;
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
import org.trm.model.envelope.MessageType;
import org.trm.model.payload.Payloads;
import org.trm.model.payload.Receipt;

/**
 * Another country's node, with its real keys from target/pki, writing to node AT as AT's gateway
 * would deliver it: over mutual TLS with a certificate of the caller's choosing.
 */
final class PartnerNode {
    static final String PKI = FederationProfile.PKI;
    static final DirectoryStore DIRECTORY = new DirectoryStore(Path.of(PKI, "federation.jws"),
            Jwks.load(Path.of(PKI, "operator", "operator-public.jwk")));

    final String country;
    final EnvelopeSigner signer;
    final PublicJsonWebKey encryptionKey;

    PartnerNode(String country) {
        this.country = country;
        String dir = PKI + "/" + country.toLowerCase();
        this.signer = new EnvelopeSigner(Jwks.load(Path.of(dir, "node-sig-1.jwk")));
        this.encryptionKey = Jwks.load(Path.of(dir, "node-enc-1.jwk"));
    }

    static PublicJsonWebKey encryptionKeyOf(String country) {
        return DIRECTORY.current().participant(country).orElseThrow().encryptionKey().orElseThrow();
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
                .keyStore(new File(PKI + "/" + certificate + ".p12"), FederationProfile.PASSWORD)
                .trustStore(new File(PKI + "/truststore.p12"), FederationProfile.PASSWORD)
                .contentType(MediaTypes.ENVELOPE_JWS).body(jws.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .post("/federation/v1/inbox");
    }

    /** Posts envelopes to AT's inbox as one batch, with the client certificate {@code <cc>/<role>.p12}. */
    static Response deliverBatch(URL https, String certificate, List<String> envelopes) {
        return given().baseUri(https.toString())
                .keyStore(new File(PKI + "/" + certificate + ".p12"), FederationProfile.PASSWORD)
                .trustStore(new File(PKI + "/truststore.p12"), FederationProfile.PASSWORD)
                .contentType(MediaTypes.ENVELOPE_BATCH).body(org.trm.model.json.Json.write(new EnvelopeBatch(envelopes)))
                .post("/federation/v1/inbox");
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
