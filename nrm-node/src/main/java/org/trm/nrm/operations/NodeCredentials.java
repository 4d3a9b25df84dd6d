package org.trm.nrm.operations;

import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.jwk.PublicJsonWebKey;
import org.trm.model.crypto.Jwks;
import org.trm.model.directory.Participant;
import org.trm.nrm.referral.Federation;
import org.trm.nrm.referral.FederationConfig;

/**
 * The node's own credentials, which its gateway cannot see: the certificates of its link (TLS
 * configuration {@code federation}: the node's certificate and the CAs it trusts), with days to
 * expiry, and its signing and encryption keys against what the directory in use publishes. Keys carry
 * no expiry date; what breaks them is a key partners use that this node does not hold, or one it uses
 * that the directory does not list.
 */
@ApplicationScoped
public class NodeCredentials {
    static final String TLS_NAME = "federation";

    @Inject
    TlsConfigurationRegistry tls;

    @Inject
    Federation federation;

    @Inject
    FederationConfig config;

    /** A certificate of the node's link; {@code expiringSoon} within the configured warning period. */
    public record Certificate(String name, String subject, Instant notAfter, long daysLeft, boolean expiringSoon) {
    }

    /**
     * A key of this node: {@code held} by the node, {@code published} in the directory in use, and
     * {@code inUse}: the key the node signs with, or the one partners encrypt to (the directory's
     * newest valid one). {@code expiresAt}: the directory's expiry of the key, null for none;
     * {@code daysLeft} and {@code expiringSoon} (within the warning period, or past) as for certificates.
     * {@code sound}: it works as it is used, since a key in use must be held, published and not expired.
     */
    public record Key(String kid, String use, boolean held, boolean published, boolean inUse, Instant expiresAt,
            Long daysLeft, boolean expiringSoon, boolean sound) {
    }

    /** {@code keys} is empty when the node takes no part in the federation ({@code federation} false). */
    public record Credentials(List<Certificate> certificates, boolean federation, List<Key> keys) {
    }

    public Credentials credentials() {
        return new Credentials(certificates(), config.enabled(), config.enabled() ? keys() : List.of());
    }

    private List<Certificate> certificates() {
        Instant now = Instant.now();
        Instant warnBefore = now.plus(config.certificateExpiryWarning());
        List<Certificate> result = new ArrayList<>();
        TlsConfiguration link = tls.get(TLS_NAME).orElse(null);
        if (link != null) {
            collect("keystore", link.getKeyStore(), now, warnBefore, result);
            collect("truststore", link.getTrustStore(), now, warnBefore, result);
        }
        return result;
    }

    private static void collect(String store, KeyStore keys, Instant now, Instant warnBefore, List<Certificate> into) {
        if (keys == null) {
            return;
        }
        try {
            for (String alias : Collections.list(keys.aliases())) {
                if (keys.getCertificate(alias) instanceof X509Certificate x) {
                    Instant notAfter = x.getNotAfter().toInstant();
                    into.add(new Certificate(store + "." + alias, x.getSubjectX500Principal().getName(), notAfter,
                            Duration.between(now, notAfter).toDays(), notAfter.isBefore(warnBefore)));
                }
            }
        } catch (KeyStoreException e) {
            // A store that cannot be read would have failed the TLS start-up already; nothing to list.
        }
    }

    private List<Key> keys() {
        Instant now = Instant.now();
        Instant warnBefore = now.plus(config.certificateExpiryWarning());
        Optional<Participant> own = federation.directory().participant(federation.country());
        List<Map<String, Object>> listed = own.map(Participant::keys).orElse(List.of());
        List<PublicJsonWebKey> published = listed.stream().map(Jwks::fromMap).toList();
        Map<String, Instant> expiries = new LinkedHashMap<>();
        listed.forEach(k -> Jwks.expiry(k).ifPresent(exp -> expiries.put(String.valueOf(k.get("kid")), exp)));
        String encryptTo = own.flatMap(p -> p.encryptionKey(now)).map(PublicJsonWebKey::getKeyId).orElse(null);
        String signWith = federation.signingKey().getKeyId();
        Map<String, String> held = new LinkedHashMap<>();
        held.put(signWith, Jwks.USE_SIG);
        federation.encryptionKeys().forEach(k -> held.put(k.getKeyId(), Jwks.USE_ENC));
        Map<String, String> all = new LinkedHashMap<>(held);
        published.forEach(k -> all.putIfAbsent(k.getKeyId(), k.getUse()));
        List<Key> keys = new ArrayList<>();
        all.forEach((kid, use) -> {
            boolean isHeld = held.containsKey(kid);
            boolean isPublished = published.stream().anyMatch(k -> kid.equals(k.getKeyId()));
            boolean inUse = kid.equals(signWith) || kid.equals(encryptTo);
            Instant expires = expiries.get(kid);
            boolean expired = expires != null && !now.isBefore(expires);
            keys.add(new Key(kid, use, isHeld, isPublished, inUse, expires,
                    expires == null ? null : Duration.between(now, expires).toDays(),
                    expires != null && expires.isBefore(warnBefore), !inUse || isHeld && isPublished && !expired));
        });
        return keys;
    }
}
