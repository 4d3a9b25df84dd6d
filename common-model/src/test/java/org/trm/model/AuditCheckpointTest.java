package org.trm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.trm.model.Fixtures.AT_SIG;
import static org.trm.model.Fixtures.BG_ENC;
import static org.trm.model.Fixtures.BG_SIG;
import static org.trm.model.Fixtures.DIRECTORY;
import static org.trm.model.Fixtures.NOW;

import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.trm.model.anchor.AuditCheckpoint;
import org.trm.model.crypto.BodyCipher;
import org.trm.model.crypto.LowS;
import org.trm.model.envelope.EnvelopeSigner;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;

class AuditCheckpointTest {
    private final EnvelopeVerifier verifier = new EnvelopeVerifier(() -> DIRECTORY, Clock.fixed(NOW, ZoneOffset.UTC));
    private final AuditCheckpoint checkpoint = AuditCheckpoint.of("AT", 42, "ab".repeat(32), NOW);

    private ProblemType refusal(String jws) {
        return assertThrows(ProtocolException.class, () -> AuditCheckpoint.verify(jws, verifier)).problem();
    }

    @Test
    void shouldRoundTripWhenSignedByTheCountrysNodeKey() {
        String jws = checkpoint.sign(new EnvelopeSigner(AT_SIG));
        AuditCheckpoint.Signed signed = AuditCheckpoint.verify(jws, verifier);
        assertEquals(checkpoint, signed.checkpoint());
        assertEquals("AT-sig-1", signed.kid());
    }

    @Test
    void shouldRefuseCheckpointSignedByAnotherCountrysKey() {
        assertEquals(ProblemType.KEY_NOT_OF_SENDER, refusal(checkpoint.sign(new EnvelopeSigner(BG_SIG))));
    }

    @Test
    void shouldRefuseEnvelopeAsCheckpointAndCheckpointAsEnvelope() {
        String envelope = new EnvelopeSigner(AT_SIG).sign(Fixtures.referral("AT", "BG", BodyCipher.encrypt("{\"v\":1}", BG_ENC)));
        assertEquals(ProblemType.MALFORMED, refusal(envelope));
        String jws = checkpoint.sign(new EnvelopeSigner(AT_SIG));
        assertEquals(ProblemType.MALFORMED, assertThrows(ProtocolException.class, () -> verifier.verify(jws)).problem());
    }

    @Test
    void shouldRefuseTheHighSTwinOfACheckpoint() {
        String jws = checkpoint.sign(new EnvelopeSigner(AT_SIG));
        assertEquals(ProblemType.NON_CANONICAL_SIGNATURE, refusal(LowS.twin(jws)));
    }

    @Test
    void shouldRefuseCheckpointWithoutAChainHash() {
        String jws = AuditCheckpoint.of("AT", 1, "not a hash", NOW).sign(new EnvelopeSigner(AT_SIG));
        assertEquals(ProblemType.MALFORMED, refusal(jws));
    }
}
