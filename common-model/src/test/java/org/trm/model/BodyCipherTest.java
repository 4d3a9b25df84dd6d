package org.trm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.trm.model.crypto.BodyCipher;
import org.trm.model.crypto.Jwks;
import org.trm.model.payload.Receipt;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;

class BodyCipherTest {

    @Test
    void shouldRoundTripPayloadForRecipient() {
        Receipt receipt = new Receipt(1, UUID.randomUUID(), "ab".repeat(32), Instant.parse("2026-11-22T10:15:30Z"));
        String jwe = BodyCipher.encrypt(receipt, Fixtures.BG_ENC);

        assertFalse(jwe.contains(receipt.sha256()), "the body must not be readable on the way");
        assertEquals(receipt, BodyCipher.decrypt(jwe, List.of(Fixtures.BG_ENC), Receipt.class));
    }

    @Test
    void shouldPickTheKeyTheBodyNamesAfterRotation() {
        var rotated = Jwks.generate("BG-enc-2", Jwks.USE_ENC);
        String jwe = BodyCipher.encryptJson("{}", Fixtures.BG_ENC);
        assertEquals("{}", BodyCipher.decrypt(jwe, List.of(rotated, Fixtures.BG_ENC)));
    }

    @Test
    void shouldRefuseBodyEncryptedForAnotherNode() {
        String jwe = BodyCipher.encryptJson("{}", Fixtures.AT_ENC);
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> BodyCipher.decrypt(jwe, List.of(Fixtures.BG_ENC)));
        assertEquals(ProblemType.DECRYPTION_FAILED, e.problem());
    }

    @Test
    void shouldRefuseBodyWithForeignKeyUnderOurKid() {
        var impostor = Jwks.generate("BG-enc-1", Jwks.USE_ENC);
        String jwe = BodyCipher.encryptJson("{}", impostor);
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> BodyCipher.decrypt(jwe, List.of(Fixtures.BG_ENC)));
        assertEquals(ProblemType.DECRYPTION_FAILED, e.problem());
    }

    @Test
    void shouldRefuseTamperedCiphertext() {
        String jwe = BodyCipher.encryptJson("{\"a\":1}", Fixtures.BG_ENC);
        String[] p = jwe.split("\\.");
        p[3] = (p[3].charAt(0) == 'A' ? "B" : "A") + p[3].substring(1);
        String tampered = String.join(".", p);
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> BodyCipher.decrypt(tampered, List.of(Fixtures.BG_ENC)));
        assertEquals(ProblemType.DECRYPTION_FAILED, e.problem());
    }

    @Test
    void shouldOpenOneBodyWithItsDisclosedContentKeyAndNothingElse() {
        Receipt receipt = new Receipt(1, UUID.randomUUID(), "cd".repeat(32), Instant.parse("2026-11-22T10:15:30Z"));
        String jwe = BodyCipher.encrypt(receipt, Fixtures.AT_ENC);
        String key = BodyCipher.discloseContentKey(jwe, List.of(Fixtures.AT_ENC));

        assertEquals(receipt, org.trm.model.json.Json.read(BodyCipher.openDisclosed(jwe, key), Receipt.class));
        String other = BodyCipher.encrypt(receipt, Fixtures.AT_ENC);
        ProtocolException e = assertThrows(ProtocolException.class, () -> BodyCipher.openDisclosed(other, key));
        assertEquals(ProblemType.DECRYPTION_FAILED, e.problem());
    }

    @Test
    void shouldRefuseADisclosedKeyForATamperedBody() {
        String jwe = BodyCipher.encryptJson("{\"a\":1}", Fixtures.AT_ENC);
        String key = BodyCipher.discloseContentKey(jwe, List.of(Fixtures.AT_ENC));
        String[] p = jwe.split("\\.");
        p[3] = (p[3].charAt(0) == 'A' ? "B" : "A") + p[3].substring(1);
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> BodyCipher.openDisclosed(String.join(".", p), key));
        assertEquals(ProblemType.DECRYPTION_FAILED, e.problem());
        assertThrows(ProtocolException.class, () -> BodyCipher.openDisclosed(jwe, "AAAA"));
    }
}
