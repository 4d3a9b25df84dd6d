package org.trm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trm.model.Fixtures.AT_ENC;
import static org.trm.model.Fixtures.AT_SIG;
import static org.trm.model.Fixtures.BG_ENC;
import static org.trm.model.Fixtures.BG_SIG;
import static org.trm.model.Fixtures.NOW;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.trm.model.code.MessageType;
import org.trm.model.crypto.Jwks;
import org.trm.model.directory.Agreement;
import org.trm.model.directory.Directory;
import org.trm.model.directory.Participant;
import org.trm.model.directory.ParticipantStatus;
import org.trm.model.envelope.Envelope;
import org.trm.model.envelope.EnvelopeSigner;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.json.Json;
import org.trm.model.payload.DeliveryFailure;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;

/** Failure signals: signed by a gateway key of {@code from} only, which signs nothing else; read in clear. */
class DeliveryFailureTest {
    private static final PublicJsonWebKey AT_GW = Jwks.generate("AT-gw-sig-1", Jwks.USE_SIG);
    private static final PublicJsonWebKey BG_GW = Jwks.generate("BG-gw-sig-1", Jwks.USE_SIG);
    private static final Directory DIRECTORY = new Directory(1, NOW, List.of(
            participant("AT", AT_GW, AT_SIG, AT_ENC), participant("BG", BG_GW, BG_SIG, BG_ENC)),
            List.of(new Agreement("AT-BG", List.of("AT", "BG"), Set.of(MessageType.REFERRAL),
                    NOW.minus(Duration.ofDays(1)), null, Duration.ofHours(72))));
    private final EnvelopeVerifier verifier = new EnvelopeVerifier(() -> DIRECTORY, Clock.fixed(NOW, ZoneOffset.UTC));

    private static Participant participant(String cc, PublicJsonWebKey gateway, PublicJsonWebKey... keys) {
        return new Participant(cc, "NRM " + cc, "https://127.0.0.1/" + cc, ParticipantStatus.ACTIVE,
                java.util.Arrays.stream(keys).map(Jwks::publicParams).toList(), List.of(Jwks.publicParams(gateway)));
    }

    private static DeliveryFailure failure() {
        return new DeliveryFailure(1, UUID.randomUUID(), "ab".repeat(32), "node.BG",
                ProblemType.UNKNOWN_CONVERSATION.type().toString(), "HTTP 409", NOW);
    }

    private static Envelope signal(String from, String to, DeliveryFailure f) {
        return Envelope.create(MessageType.DELIVERY_FAILURE, from, to, UUID.randomUUID(), f.messageId(), NOW,
                Duration.ofDays(7), f.toBody());
    }

    private ProblemType refusal(String jws) {
        return assertThrows(ProtocolException.class, () -> verifier.verify(jws)).problem();
    }

    @Test
    void shouldVerifyAndReadInClearWhenSignedByTheSendersGatewayKey() {
        DeliveryFailure sent = failure();
        String jws = new EnvelopeSigner(BG_GW).sign(signal("BG", "AT", sent));

        Envelope verified = verifier.verify(jws).envelope();

        assertEquals(sent, DeliveryFailure.fromBody(verified.body()));
        assertEquals("failed at node.BG: urn:trm:problem:unknown-conversation (HTTP 409)", sent.reason());
    }

    @Test
    void shouldRefuseADeliveryFailureSignedByANodeKey() {
        assertEquals(ProblemType.KEY_ROLE_MISMATCH, refusal(new EnvelopeSigner(BG_SIG).sign(signal("BG", "AT", failure()))));
    }

    @Test
    void shouldRefuseAnythingButADeliveryFailureSignedByAGatewayKey() {
        Envelope referral = Envelope.create(MessageType.REFERRAL, "AT", "BG", null, null, NOW, Duration.ofDays(7), "x.y.z.w.v");
        assertEquals(ProblemType.KEY_ROLE_MISMATCH, refusal(new EnvelopeSigner(AT_GW).sign(referral)));
    }

    @Test
    void shouldRefuseAGatewayKeyOfAnotherCountry() {
        assertEquals(ProblemType.KEY_NOT_OF_SENDER, refusal(new EnvelopeSigner(AT_GW).sign(signal("BG", "AT", failure()))));
    }

    @Test
    void shouldAllowOneCountryToItselfForDeliveryFailuresOnly() {
        DeliveryFailure f = failure();
        assertEquals(f, DeliveryFailure.fromBody(verifier.verify(new EnvelopeSigner(AT_GW).sign(signal("AT", "AT", f)))
                .envelope().body()));
        assertTrue(DIRECTORY.covers("AT", "AT", MessageType.DELIVERY_FAILURE, NOW), "within a country, no agreement");
        assertTrue(DIRECTORY.covers("BG", "AT", MessageType.DELIVERY_FAILURE, NOW), "covered like a receipt");
        assertEquals(ProblemType.MALFORMED, assertThrows(ProtocolException.class, () -> Envelope.create(
                MessageType.REFERRAL, "AT", "AT", null, null, NOW, Duration.ofDays(7), "x.y.z.w.v")).problem());
    }

    @Test
    void shouldRefuseABodyThatIsNotAFailureInClear() {
        assertEquals(ProblemType.MALFORMED, assertThrows(ProtocolException.class,
                () -> DeliveryFailure.fromBody("x.y.z.w.v")).problem());
        String badHash = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(java.util.Map.of(
                "v", 1, "messageId", UUID.randomUUID().toString(), "sha256", "XYZ", "hop", "node.BG",
                "problem", "about:blank", "failedAt", NOW.toString())).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(ProblemType.MALFORMED, assertThrows(ProtocolException.class,
                () -> DeliveryFailure.fromBody(badHash)).problem());
    }
}
