package org.trm.model.statistics;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The arithmetic of secure aggregation (docs/PROTOCOL.md section 17.3), all of it modulo 2^64 (Java's
 * {@code long} wraps exactly so). A participant with counts {@code c} draws a random 32-byte seed for
 * each other participant {@code j}; the seed expands into a mask vector {@code m(i→j)} by HMAC-SHA256
 * in counter mode. Its own share is {@code c − Σ_j m(i→j)}; what it sends {@code j} is the seed only,
 * so that a STATS_SHARES message is small whatever the layout. Its partial sum is its own share plus
 * the masks it received, {@code Σ_j m(j→i)}. Every mask is added once and subtracted once, so the
 * partial sums of all participants add up to the sum of their counts, while each partial sum alone
 * is uniformly random to whoever lacks the seeds between two other participants.
 */
public final class SecureSum {
    public static final int SEED_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecureSum() {
    }

    public static byte[] seed() {
        byte[] seed = new byte[SEED_BYTES];
        RANDOM.nextBytes(seed);
        return seed;
    }

    /**
     * The mask {@code from} adds for {@code to} in {@code round}: block {@code k} of 32 bytes is
     * HMAC-SHA256(seed, round ‖ from ‖ to ‖ k), read as four big-endian 64-bit values. The round and
     * the pair are in the input so that a seed used twice by mistake still gives other masks.
     */
    public static long[] mask(byte[] seed, UUID round, String from, String to, int cells) {
        if (seed == null || seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("a seed is " + SEED_BYTES + " bytes");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(seed, "HmacSHA256"));
            byte[] prefix = (round + "|" + from + "|" + to + "|").getBytes(StandardCharsets.US_ASCII);
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

    /** {@code counts − Σ masks}: the share a participant keeps. */
    public static long[] ownShare(long[] counts, Collection<long[]> outgoing) {
        long[] share = counts.clone();
        for (long[] m : outgoing) {
            subtract(share, m);
        }
        return share;
    }

    /** {@code ownShare + Σ masks received}: what a participant sends the requester. */
    public static long[] partial(long[] ownShare, Collection<long[]> incoming) {
        long[] partial = ownShare.clone();
        for (long[] m : incoming) {
            add(partial, m);
        }
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

    public static String encodeSeed(byte[] seed) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(seed);
    }

    public static byte[] decodeSeed(String text) {
        byte[] seed = Base64.getUrlDecoder().decode(text);
        if (seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("a seed is " + SEED_BYTES + " bytes");
        }
        return seed;
    }
}
