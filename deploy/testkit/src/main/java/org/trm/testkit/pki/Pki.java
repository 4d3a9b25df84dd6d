package org.trm.testkit.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jose4j.jwk.PublicJsonWebKey;
import org.trm.model.crypto.Jwks;

/**
 * The federation's trust material that deploy/pki/pki.sh makes in one directory: per country the
 * PKCS12 keystores of its gateway, node and operator, its node's JWKs and its gateway's signing JWK,
 * one truststore, the federation operator's key and the signed directory.
 */
public record Pki(Path root, String password) {
    /** The material the build makes for a module's tests, in its target/pki, with pki.sh's demo password. */
    public static final Pki TEST = at(Path.of("target/pki"));

    public Pki {
        root = root.toAbsolutePath();
    }

    /** pki.sh's output in {@code root}, with the password pki.sh used (TRM_PKI_PASSWORD, else its demo value). */
    public static Pki at(Path root) {
        return new Pki(root, System.getenv().getOrDefault("TRM_PKI_PASSWORD", "changeit"));
    }

    /** The PKCS12 keystore of {@code role} (gateway, node, operator) of {@code country}. */
    public Path keystore(String country, String role) {
        return country(country).resolve(role + ".p12");
    }

    public Path truststore() {
        return root.resolve("truststore.p12");
    }

    /**
     * A TLS context that presents {@code role}'s certificate of {@code country} and trusts the
     * federation CA: for raw HTTP clients, where a request must go exactly as written (no header added).
     */
    public SSLContext sslContext(String country, String role) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(keystore(country, role))) {
                keys.load(in, password.toCharArray());
            }
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(truststore())) {
                trust.load(in, password.toCharArray());
            }
            KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            km.init(keys, password.toCharArray());
            TrustManagerFactory tm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tm.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(km.getKeyManagers(), tm.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the " + role + " keystore of " + country, e);
        }
    }

    /** The node's private signing JWK. */
    public PublicJsonWebKey signingKey(String country) {
        return Jwks.load(signingKeyFile(country));
    }

    public Path signingKeyFile(String country) {
        return country(country).resolve("node-sig-1.jwk");
    }

    /** The gateway's private signing JWK, with which it signs failure signals. */
    public PublicJsonWebKey gatewaySigningKey(String country) {
        return Jwks.load(gatewaySigningKeyFile(country));
    }

    public Path gatewaySigningKeyFile(String country) {
        return country(country).resolve("gateway-sig-1.jwk");
    }

    /** The node's private encryption JWK. */
    public PublicJsonWebKey encryptionKey(String country) {
        return Jwks.load(encryptionKeyFile(country));
    }

    public Path encryptionKeyFile(String country) {
        return country(country).resolve("node-enc-1.jwk");
    }

    /** The federation operator's private key, which signs the directory. */
    public PublicJsonWebKey operatorKey() {
        return Jwks.load(root.resolve("operator/operator.jwk"));
    }

    /** The operator's public key, with which gateways and nodes verify the directory. */
    public Path operatorPublicKey() {
        return root.resolve("operator/operator-public.jwk");
    }

    /** The directory as JSON (federation.json) and signed (federation.jws). */
    public Path directoryJson() {
        return root.resolve("federation.json");
    }

    public Path directory() {
        return root.resolve("federation.jws");
    }

    private Path country(String country) {
        return root.resolve(country.toLowerCase());
    }
}
