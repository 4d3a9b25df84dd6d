package org.trm.model.directory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jose4j.jwk.PublicJsonWebKey;
import org.trm.model.crypto.Jwks;

/**
 * A country of the federation: its gateway, its node's public keys ({@code kid} of the form
 * {@code <CC>-sig-<n>} or {@code <CC>-enc-<n>}) and its gateway's signing keys ({@code <CC>-gw-sig-<n>}),
 * listed apart because they may sign one thing only, a DELIVERY_FAILURE. Old keys stay listed after
 * a rotation so that old signatures remain verifiable. A key may carry an expiry ({@link Jwks#EXPIRES}):
 * from then on nothing new is encrypted to it and no new signature by it is accepted.
 */
public record Participant(String country, String name, String gatewayUrl, ParticipantStatus status,
        List<Map<String, Object>> keys, List<Map<String, Object>> gatewayKeys) {

    public Participant {
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(status, "status");
        keys = keys == null ? List.of() : List.copyOf(keys);
        gatewayKeys = gatewayKeys == null ? List.of() : List.copyOf(gatewayKeys);
        keys.forEach(Jwks::expiry);
        gatewayKeys.forEach(Jwks::expiry);
    }

    /** A participant whose gateway lists no signing key (it can send no failure signal). */
    public Participant(String country, String name, String gatewayUrl, ParticipantStatus status,
            List<Map<String, Object>> keys) {
        this(country, name, gatewayUrl, status, keys, List.of());
    }

    public boolean active() {
        return status == ParticipantStatus.ACTIVE;
    }

    /**
     * The key to encrypt new bodies to at {@code now}: of the listed encryption keys not past their
     * expiry, the one with the highest rotation number.
     */
    public Optional<PublicJsonWebKey> encryptionKey(Instant now) {
        return keys.stream().filter(k -> Jwks.expiry(k).map(now::isBefore).orElse(true)).map(Jwks::fromMap)
                .filter(k -> Jwks.USE_ENC.equals(k.getUse()) && k.getKeyId() != null)
                .max(Comparator.comparingInt(Participant::rotation));
    }

    /** The listed encryption key {@code kid}, unless it is past its expiry at {@code now}. */
    public Optional<PublicJsonWebKey> encryptionKey(String kid, Instant now) {
        return keys.stream().filter(k -> kid.equals(k.get("kid"))).filter(k -> Jwks.expiry(k).map(now::isBefore).orElse(true))
                .map(Jwks::fromMap).filter(k -> Jwks.USE_ENC.equals(k.getUse())).findFirst();
    }

    private static int rotation(PublicJsonWebKey key) {
        String kid = key.getKeyId();
        try {
            return Integer.parseInt(kid.substring(kid.lastIndexOf('-') + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
