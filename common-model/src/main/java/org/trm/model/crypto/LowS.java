package org.trm.model.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;

/**
 * ECDSA signatures are malleable: if {@code (r, s)} verifies, so does {@code (r, n − s)}. Since a
 * message's hash is that of its compact JWS, a relay could otherwise change the hash of a message
 * it carries without breaking its signature. The federation therefore takes only the low-S form
 * ({@code s ≤ n/2}): signers normalise to it, verifiers refuse the other.
 */
public final class LowS {
    /** The order of the P-256 group. */
    private static final BigInteger N =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    private static final BigInteger HALF_N = N.shiftRight(1);
    private static final int HALF = 32;

    private LowS() {
    }

    /** Whether a compact ES256 JWS's signature ({@code R || S}, 64 bytes) has a high S. */
    public static boolean isHigh(String compactJws) {
        byte[] rs = signature(compactJws);
        return rs.length == 2 * HALF && s(rs).compareTo(HALF_N) > 0;
    }

    /** The same JWS with its signature in low-S form (unchanged if it is already). */
    public static String normalise(String compactJws) {
        return isHigh(compactJws) ? twin(compactJws) : compactJws;
    }

    /** The JWS with {@code S} replaced by {@code n − S}: the other signature that verifies. */
    public static String twin(String compactJws) {
        int dot = compactJws.lastIndexOf('.');
        byte[] rs = signature(compactJws);
        if (rs.length != 2 * HALF) {
            throw new IllegalArgumentException("not an ES256 signature");
        }
        byte[] other = N.subtract(s(rs)).toByteArray();
        Arrays.fill(rs, HALF, 2 * HALF, (byte) 0);
        int len = Math.min(HALF, other.length);
        System.arraycopy(other, other.length - len, rs, 2 * HALF - len, len);
        return compactJws.substring(0, dot + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(rs);
    }

    private static BigInteger s(byte[] rs) {
        return new BigInteger(1, Arrays.copyOfRange(rs, HALF, 2 * HALF));
    }

    private static byte[] signature(String compactJws) {
        return Base64.getUrlDecoder().decode(compactJws.substring(compactJws.lastIndexOf('.') + 1));
    }
}
