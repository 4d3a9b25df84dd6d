package org.trm.model.crypto;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.conscrypt.Conscrypt;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * The JCA providers for JOSE. EC signatures, ECDH key agreement and its ephemeral keys: Conscrypt
 * (BoringSSL), where its native library loads on this platform, else BouncyCastle; AES-GCM: the JDK
 * (hardware AES). Measured on a 2-core x86 machine, ES256 verify/sign took 0.08/0.06 ms with
 * Conscrypt, 0.16/0.44 ms with BouncyCastle and 1.9/0.9 ms with the JDK; encrypting a 2 KB body to a
 * node (ECDH-ES+A256KW) 0.55 ms with Conscrypt's key agreement against 1.4 ms with BouncyCastle's,
 * decrypting it 0.56 against 0.93 ms (the machine loaded). Conscrypt is added after the JDK's own
 * providers, so nothing but what is named here uses it.
 */
public final class Jose {
    public static final String SIGNATURE_ALG = "ES256";
    public static final String KEY_MANAGEMENT_ALG = "ECDH-ES+A256KW";
    public static final String CONTENT_ENCRYPTION_ALG = "A256GCM";

    private static final ProviderContext CONTEXT;
    private static final String SIGNATURE_PROVIDER;

    static {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        SIGNATURE_PROVIDER = nativeProvider();
        CONTEXT = new ProviderContext();
        for (ProviderContext.Context c : new ProviderContext.Context[] {CONTEXT.getSuppliedKeyProviderContext(),
                CONTEXT.getGeneralProviderContext()}) {
            c.setSignatureProvider(SIGNATURE_PROVIDER);
            c.setKeyAgreementProvider(SIGNATURE_PROVIDER);
            c.setKeyPairGeneratorProvider(SIGNATURE_PROVIDER);
        }
    }

    private Jose() {
    }

    /** Conscrypt's name once registered, or BouncyCastle's where its native library is not available. */
    private static String nativeProvider() {
        try {
            if (Conscrypt.isAvailable()) {
                Provider conscrypt = Security.getProvider("Conscrypt");
                if (conscrypt == null) {
                    conscrypt = Conscrypt.newProvider();
                    Security.addProvider(conscrypt);
                }
                return conscrypt.getName();
            }
        } catch (LinkageError | RuntimeException e) {
            // no native library for this platform: the pure-Java provider does the same, slower
        }
        return BouncyCastleProvider.PROVIDER_NAME;
    }

    /** The provider of ECDH key agreement: the same as of the signatures. */
    public static String keyAgreementProvider() {
        return SIGNATURE_PROVIDER;
    }

    /** The provider of EC signatures (for diagnostics and benchmarks). */
    public static String signatureProvider() {
        return SIGNATURE_PROVIDER;
    }

    /** Constraints that permit exactly one algorithm: no negotiation, no downgrade. */
    public static AlgorithmConstraints only(String alg) {
        return new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, alg);
    }

    /** A key factory of the signature provider, so that its keys need no conversion on each verification. */
    public static KeyFactory keyFactory(String algorithm) throws NoSuchAlgorithmException {
        try {
            return KeyFactory.getInstance(algorithm, SIGNATURE_PROVIDER);
        } catch (NoSuchProviderException e) {
            throw new IllegalStateException("the signature provider is registered by this class", e);
        }
    }

    /** A compact ES256 JWS of {@code payload} with the key's kid and the given {@code typ}, in low-S form ({@link LowS}). */
    public static String sign(String payload, String typ, PublicJsonWebKey key) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setProviderContext(CONTEXT);
        jws.setAlgorithmHeaderValue(SIGNATURE_ALG);
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setHeader("typ", typ);
        jws.setPayload(payload);
        jws.setKey(key.getPrivateKey());
        try {
            return LowS.normalise(jws.getCompactSerialization());
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a " + typ, e);
        }
    }

    public static ProviderContext providers() {
        return CONTEXT;
    }

    /** A compact JWS read with these providers and ES256 alone allowed; its signature is not checked yet. */
    public static JsonWebSignature readSigned(String compactJws) throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setProviderContext(CONTEXT);
        jws.setAlgorithmConstraints(only(SIGNATURE_ALG));
        jws.setCompactSerialization(compactJws.strip());
        return jws;
    }
}
