package org.trm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trm.model.Fixtures.DIRECTORY;
import static org.trm.model.Fixtures.NOW;
import static org.trm.model.Fixtures.OPERATOR;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.trm.model.crypto.Jwks;
import org.trm.model.crypto.LowS;
import org.trm.model.directory.DirectoryCodec;
import org.trm.model.code.MessageType;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;

class DirectoryCodecTest {

    @Test
    void shouldRoundTripSignedDirectory() {
        String jws = DirectoryCodec.sign(DIRECTORY, OPERATOR);
        var publicOnly = Jwks.parse(Jwks.toJson(OPERATOR, false));
        assertEquals(DIRECTORY, DirectoryCodec.verify(jws, publicOnly));
    }

    @Test
    void shouldRefuseDirectorySignedByAnotherKey() {
        String jws = DirectoryCodec.sign(DIRECTORY, Jwks.generate("operator-1", Jwks.USE_SIG));
        ProtocolException e = assertThrows(ProtocolException.class, () -> DirectoryCodec.verify(jws, OPERATOR));
        assertEquals(ProblemType.DIRECTORY_INVALID, e.problem());
    }

    @Test
    void shouldRefuseTheHighSTwinOfTheOperatorsSignature() {
        String twin = LowS.twin(DirectoryCodec.sign(DIRECTORY, OPERATOR));
        ProtocolException e = assertThrows(ProtocolException.class, () -> DirectoryCodec.verify(twin, OPERATOR));
        assertEquals(ProblemType.DIRECTORY_INVALID, e.problem());
    }

    @Test
    void shouldRefuseTamperedDirectory() {
        String[] p = DirectoryCodec.sign(DIRECTORY, OPERATOR).split("\\.");
        p[1] = p[1].substring(0, 10) + (p[1].charAt(10) == 'A' ? 'B' : 'A') + p[1].substring(11);
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> DirectoryCodec.verify(String.join(".", p), OPERATOR));
        assertEquals(ProblemType.DIRECTORY_INVALID, e.problem());
    }

    @Test
    void shouldCoverOnlyAgreedTypesBetweenParties() {
        assertTrue(DIRECTORY.covers("AT", "BG", MessageType.REFERRAL, NOW));
        assertTrue(DIRECTORY.covers("BG", "AT", MessageType.CASE_UPDATE, NOW));
        assertTrue(DIRECTORY.covers("BG", "AT", MessageType.RECEIPT, NOW));
        assertFalse(DIRECTORY.covers("AT", "BG", MessageType.RETURN_REQUEST, NOW));
        assertFalse(DIRECTORY.covers("AT", "RO", MessageType.REFERRAL, NOW));
        assertFalse(DIRECTORY.covers("RO", "AT", MessageType.RECEIPT, NOW));
        assertFalse(DIRECTORY.covers("AT", "BG", MessageType.REFERRAL, NOW.minus(Duration.ofDays(2))));
    }

    @Test
    void shouldPickNewestEncryptionKey() {
        var p = Fixtures.participant("BG", Fixtures.BG_ENC, Jwks.generate("BG-enc-2", Jwks.USE_ENC), Fixtures.BG_SIG);
        assertEquals("BG-enc-2", p.encryptionKey(NOW).orElseThrow().getKeyId());
    }

    @Test
    void shouldNotEncryptToAKeyPastItsExpiry() {
        java.util.Map<String, Object> newer = new java.util.HashMap<>(Jwks.publicParams(Jwks.generate("BG-enc-2", Jwks.USE_ENC)));
        newer.put(Jwks.EXPIRES, NOW.getEpochSecond());
        var p = new org.trm.model.directory.Participant("BG", "NRM BG", "https://x",
                org.trm.model.directory.ParticipantStatus.ACTIVE, java.util.List.of(Jwks.publicParams(Fixtures.BG_ENC), newer));
        assertEquals("BG-enc-2", p.encryptionKey(NOW.minusSeconds(1)).orElseThrow().getKeyId());
        assertEquals("BG-enc-1", p.encryptionKey(NOW).orElseThrow().getKeyId());
    }
}
