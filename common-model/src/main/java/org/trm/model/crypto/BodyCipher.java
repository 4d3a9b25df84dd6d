package org.trm.model.crypto;

import java.util.Collection;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;
import org.trm.model.json.Json;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;

/** End-to-end encryption of message bodies from node to node: gateways only ever see the JWE. */
public final class BodyCipher {
    private static final AlgorithmConstraints KEY_MANAGEMENT =
            Jose.only(Jose.KEY_MANAGEMENT_ALG);
    private static final AlgorithmConstraints CONTENT = Jose.only(Jose.CONTENT_ENCRYPTION_ALG);

    private BodyCipher() {
    }

    /** Serialises {@code payload} to JSON and encrypts it to the recipient node's encryption key. */
    public static String encrypt(Object payload, PublicJsonWebKey recipientKey) {
        return encryptJson(payload instanceof String s ? s : Json.write(payload), recipientKey);
    }

    public static String encryptJson(String json, PublicJsonWebKey recipientKey) {
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setProviderContext(Jose.providers());
        jwe.setAlgorithmHeaderValue(Jose.KEY_MANAGEMENT_ALG);
        jwe.setEncryptionMethodHeaderParameter(Jose.CONTENT_ENCRYPTION_ALG);
        jwe.setKeyIdHeaderValue(recipientKey.getKeyId());
        jwe.setContentTypeHeaderValue("json");
        jwe.setKey(recipientKey.getPublicKey());
        jwe.setPlaintext(json);
        try {
            return jwe.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot encrypt a body", e);
        }
    }

    /**
     * Decrypts a body with whichever of this node's encryption keys it names, so that bodies sent
     * to a key that has since been rotated out of the directory stay readable.
     */
    public static String decrypt(String compactJwe, Collection<PublicJsonWebKey> ownKeys) {
        try {
            JsonWebEncryption jwe = new JsonWebEncryption();
            jwe.setProviderContext(Jose.providers());
            jwe.setAlgorithmConstraints(KEY_MANAGEMENT);
            jwe.setContentEncryptionAlgorithmConstraints(CONTENT);
            jwe.setCompactSerialization(compactJwe);
            String kid = jwe.getKeyIdHeaderValue();
            PublicJsonWebKey key = ownKeys.stream().filter(k -> k.getKeyId() != null && k.getKeyId().equals(kid))
                    .findFirst()
                    .orElseThrow(() -> new ProtocolException(ProblemType.DECRYPTION_FAILED,
                            "the body is not encrypted to a key of this node"));
            jwe.setKey(key.getPrivateKey());
            return jwe.getPlaintextString();
        } catch (JoseException e) {
            throw new ProtocolException(ProblemType.DECRYPTION_FAILED, "the body cannot be decrypted", e);
        }
    }

    public static <T> T decrypt(String compactJwe, Collection<PublicJsonWebKey> ownKeys, Class<T> type) {
        return Json.read(decrypt(compactJwe, ownKeys), type);
    }
}
