package org.trm.model.statistics;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.trm.model.crypto.Jose;

/**
 * The arithmetic of secure aggregation (docs/PROTOCOL.md section 17.3), all of it modulo 2^64 (Java's
 * {@code long} wraps exactly so). Every two participants {@code a < b} of a round agree on a 32-byte
 * seed without a message: ECDH between their nodes' encryption keys in the directory, through
 * HKDF-SHA256 with the round and the pair ({@link #pairSeed}). The seed expands into a mask vector
 * {@code m(a,b)} by HMAC-SHA256 in counter mode ({@link #mask}). Participant {@code i}'s partial sum
 * is its counts plus the masks it shares with every later participant and minus those it shares with
 * every earlier one ({@link #partial}): every mask is added once and subtracted once, so the partial
 * sums of all participants add up to the sum of their counts, while each partial sum alone is
 * uniformly random to whoever lacks the seed between it and some other participant.
 */
public final class SecureSum {
    public static final int SEED_BYTES = 32;
    private static final String CURVE_AGREEMENT = "ECDH";

    private SecureSum() {
    }

    /**
     * The seed {@code a} and {@code b} share for {@code round}: HKDF-SHA256 (RFC 5869) of their ECDH
     * secret, salt the round's id (its 16 bytes), info {@code "trm-statistics-round|<round>|<a>|<b>"}
     * with {@code a < b}. Either side computes it from its own private key and the other's public
     * key; the round is in it, so a node that never answers a round id twice never gives the same
     * masks twice.
     */
    public static byte[] pairSeed(PrivateKey own, PublicKey other, UUID round, String a, String b) {
        if (a.compareTo(b) >= 0) {
            throw new IllegalArgumentException("a pair is named in order: " + a + " before " + b);
        }
        try {
            KeyAgreement agreement = KeyAgreement.getInstance(CURVE_AGREEMENT, Jose.keyAgreementProvider());
            agreement.init(own);
            agreement.doPhase(other, true);
            byte[] secret = agreement.generateSecret();
            byte[] salt = ByteBuffer.allocate(16).putLong(round.getMostSignificantBits())
                    .putLong(round.getLeastSignificantBits()).array();
            byte[] prk = hmac(salt, secret);
            java.util.Arrays.fill(secret, (byte) 0);
            byte[] info = ("trm-statistics-round|" + round + "|" + a + "|" + b).getBytes(StandardCharsets.US_ASCII);
            return hmac(prk, ByteBuffer.allocate(info.length + 1).put(info).put((byte) 1).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("no key agreement between these keys: " + e.getMessage(), e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    /**
     * The mask of the pair {@code a < b} in {@code round}: block {@code k} of 32 bytes is
     * HMAC-SHA256(seed, round ‖ a ‖ b ‖ k), read as four big-endian 64-bit values.
     */
    public static long[] mask(byte[] seed, UUID round, String a, String b, int cells) {
        if (seed == null || seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("a seed is " + SEED_BYTES + " bytes");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(seed, "HmacSHA256"));
            byte[] prefix = (round + "|" + a + "|" + b + "|").getBytes(StandardCharsets.US_ASCII);
            long[] mask = new long[cells];
            for (int block = 0; block * 4 < cells; block++) {
                mac.update(prefix);
                ByteBuffer out = ByteBuffer.wrap(mac.doFinal(ByteBuffer.allocate(4).putInt(block).array()));
                for (int k = 0; k < 4 && block * 4 + k < cells; k++) {
                    mask[block * 4 + k] = out.getLong();
                }
            }
            return mask;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
        }
    }

    /**
     * What {@code own} sends the requester: {@code counts + Σ_{j > own} m(own,j) − Σ_{j < own} m(j,own)},
     * from the seed it shares with each other participant.
     */
    public static long[] partial(long[] counts, String own, UUID round, Map<String, byte[]> seeds) {
        long[] partial = counts.clone();
        seeds.forEach((other, seed) -> {
            int order = own.compareTo(other);
            if (order == 0) {
                throw new IllegalArgumentException("no seed with oneself");
            }
            if (order < 0) {
                add(partial, mask(seed, round, own, other, counts.length));
            } else {
                subtract(partial, mask(seed, round, other, own, counts.length));
            }
        });
        return partial;
    }

    /** The federation's counts: the sum of every participant's partial sum. */
    public static long[] total(Collection<long[]> partials, int cells) {
        long[] total = new long[cells];
        for (long[] p : partials) {
            add(total, p);
        }
        return total;
    }

    private static void add(long[] into, long[] v) {
        requireLength(into, v);
        for (int i = 0; i < into.length; i++) {
            into[i] += v[i];
        }
    }

    private static void subtract(long[] into, long[] v) {
        requireLength(into, v);
        for (int i = 0; i < into.length; i++) {
            into[i] -= v[i];
        }
    }

    private static void requireLength(long[] a, long[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of " + a.length + " and " + b.length + " cells do not add up");
        }
    }

    /** A vector as it travels: base64url (no padding) of its values, 8 bytes each, big-endian. */
    public static String encode(long[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 8);
        for (long x : v) {
            b.putLong(x);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    public static long[] decode(String text) {
        byte[] bytes = Base64.getUrlDecoder().decode(text);
        if (bytes.length % 8 != 0) {
            throw new IllegalArgumentException("a vector is a whole number of 64-bit values");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long[] v = new long[bytes.length / 8];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getLong();
        }
        return v;
    }
}
