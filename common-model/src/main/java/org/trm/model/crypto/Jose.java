package org.trm.model.crypto;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * The JCA providers for JOSE: BouncyCastle for EC signatures and key agreement, which are several
 * times faster than the JDK's on the machines we measured; the JDK for AES-GCM (hardware AES).
 */
public final class Jose {
    public static final String SIGNATURE_ALG = "ES256";
    public static final String KEY_MANAGEMENT_ALG = "ECDH-ES+A256KW";
    public static final String CONTENT_ENCRYPTION_ALG = "A256GCM";

    private static final ProviderContext CONTEXT;

    static {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        CONTEXT = new ProviderContext();
        for (ProviderContext.Context c : new ProviderContext.Context[] {CONTEXT.getSuppliedKeyProviderContext(),
                CONTEXT.getGeneralProviderContext()}) {
            c.setSignatureProvider(BouncyCastleProvider.PROVIDER_NAME);
            c.setKeyAgreementProvider(BouncyCastleProvider.PROVIDER_NAME);
            c.setKeyPairGeneratorProvider(BouncyCastleProvider.PROVIDER_NAME);
        }
    }

    private Jose() {
    }

    /** Constraints that permit exactly one algorithm: no negotiation, no downgrade. */
    public static AlgorithmConstraints only(String alg) {
        return new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, alg);
    }

    /** A key factory of BouncyCastle, so that keys made with it are used with its faster code. */
    public static KeyFactory keyFactory(String algorithm) throws NoSuchAlgorithmException {
        try {
            return KeyFactory.getInstance(algorithm, BouncyCastleProvider.PROVIDER_NAME);
        } catch (NoSuchProviderException e) {
            throw new IllegalStateException("BouncyCastle is registered by this class", e);
        }
    }

    /** A compact ES256 JWS of {@code payload} with the key's kid and the given {@code typ}. */
    public static String sign(String payload, String typ, PublicJsonWebKey key) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setProviderContext(CONTEXT);
        jws.setAlgorithmHeaderValue(SIGNATURE_ALG);
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setHeader("typ", typ);
        jws.setPayload(payload);
        jws.setKey(key.getPrivateKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a " + typ, e);
        }
    }

    public static ProviderContext providers() {
        return CONTEXT;
    }
}
