package org.trm.model.crypto;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.util.Collection;
import org.jose4j.base64url.Base64Url;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwe.AesGcmContentEncryptionAlgorithm;
import org.jose4j.jwe.ContentEncryptionParts;
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
    private static final int CONTENT_KEY_BYTES = 32;

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
            return open(compactJwe, ownKeys).getPlaintextString();
        } catch (JoseException e) {
            throw new ProtocolException(ProblemType.DECRYPTION_FAILED, "the body cannot be decrypted", e);
        }
    }

    public static <T> T decrypt(String compactJwe, Collection<PublicJsonWebKey> ownKeys, Class<T> type) {
        return Json.read(decrypt(compactJwe, ownKeys), type);
    }

    /**
     * Decrypts a body with this node's key and gives up its content encryption key (base64url), so
     * that a third party can open this one body without any key of the node ({@link #openDisclosed}).
     * The key opens nothing else: each body has its own.
     */
    public static String discloseContentKey(String compactJwe, Collection<PublicJsonWebKey> ownKeys) {
        try {
            JsonWebEncryption jwe = open(compactJwe, ownKeys);
            // jose4j keeps the unwrapped key to itself: unwrap it the way its decryption does.
            Key contentKey = jwe.getKeyManagementModeAlgorithm().manageForDecrypt(jwe.prepareDecryptingPrimitive(),
                    jwe.getEncryptedKey(), jwe.getContentEncryptionAlgorithm().getContentEncryptionKeyDescriptor(),
                    jwe.getHeaders(), Jose.providers());
            String disclosed = Base64Url.encode(contentKey.getEncoded());
            openDisclosed(compactJwe, disclosed);
            return disclosed;
        } catch (JoseException e) {
            throw new ProtocolException(ProblemType.DECRYPTION_FAILED, "the body cannot be decrypted", e);
        }
    }

    /**
     * Opens a body with its disclosed content encryption key. AES-GCM authenticates the ciphertext
     * and the protected header under that key, so a key that opens a body the sender signed yields
     * the plaintext the sender encrypted; nobody who did not make the ciphertext can find another
     * key that opens it to something else.
     */
    public static String openDisclosed(String compactJwe, String contentKey) {
        try {
            String[] parts = compactJwe.split("\\.", -1);
            if (parts.length != 5) {
                throw new ProtocolException(ProblemType.DECRYPTION_FAILED, "not a compact JWE");
            }
            JsonWebEncryption jwe = new JsonWebEncryption();
            jwe.setCompactSerialization(compactJwe);
            if (!Jose.KEY_MANAGEMENT_ALG.equals(jwe.getAlgorithmHeaderValue())
                    || !Jose.CONTENT_ENCRYPTION_ALG.equals(jwe.getEncryptionMethodHeaderParameter())) {
                throw new ProtocolException(ProblemType.DECRYPTION_FAILED, "not a body of this protocol's algorithms");
            }
            byte[] key = Base64Url.decode(contentKey);
            if (key.length != CONTENT_KEY_BYTES) {
                throw new ProtocolException(ProblemType.DECRYPTION_FAILED, "a content key of " + Jose.CONTENT_ENCRYPTION_ALG
                        + " has " + CONTENT_KEY_BYTES + " bytes");
            }
            ContentEncryptionParts content = new ContentEncryptionParts(Base64Url.decode(parts[2]),
                    Base64Url.decode(parts[3]), Base64Url.decode(parts[4]));
            byte[] plaintext = new AesGcmContentEncryptionAlgorithm.Aes256Gcm().decrypt(content,
                    parts[0].getBytes(StandardCharsets.US_ASCII), key, jwe.getHeaders(),
                    Jose.providers());
            return new String(plaintext, StandardCharsets.UTF_8);
        } catch (JoseException | RuntimeException e) {
            if (e instanceof ProtocolException p) {
                throw p;
            }
            throw new ProtocolException(ProblemType.DECRYPTION_FAILED, "the body does not open with this key", e);
        }
    }

    /** Parses a body and sets the own key it names; decryption happens on first access to its plaintext. */
    private static JsonWebEncryption open(String compactJwe, Collection<PublicJsonWebKey> ownKeys) throws JoseException {
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
        return jwe;
    }
}
