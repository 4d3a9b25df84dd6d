package org.trm.bench.referral;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.trm.model.crypto.BodyCipher;
import org.trm.model.crypto.Jose;

/**
 * The cryptography one referral and its receipt need, in a tight loop on every core: what the
 * machine could do if referrals cost nothing else. Per referral: the sender's node encrypts the body
 * to the partner and signs the envelope; both gateways, and the receiving node, verify it; the
 * receiving node decrypts it and signs the receipt, which both gateways and the sender's node
 * verify: 1 encryption, 1 decryption, 2 signatures, 6 verifications.
 */
final class CryptoCeiling {
    private CryptoCeiling() {
    }

    /** Referrals per second that the cryptography alone allows on all cores, measured for {@code duration}. */
    static double referralsPerSecond(PublicJsonWebKey senderSigning, PublicJsonWebKey receiverSigning,
            PublicJsonWebKey receiverEncryption, String body, Duration duration) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            // Warm-up (JIT), then the measured loop.
            loop(senderSigning, receiverSigning, receiverEncryption, body, System.nanoTime() + Duration.ofSeconds(2).toNanos());
            long end = System.nanoTime() + duration.toNanos();
            long start = System.nanoTime();
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                runs.add(pool.submit(() -> loop(senderSigning, receiverSigning, receiverEncryption, body, end)));
            }
            int done = 0;
            for (Future<Integer> f : runs) {
                done += f.get();
            }
            return done / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    private static int loop(PublicJsonWebKey senderSigning, PublicJsonWebKey receiverSigning,
            PublicJsonWebKey receiverEncryption, String body, long end) throws Exception {
        int done = 0;
        while (System.nanoTime() < end) {
            String jwe = BodyCipher.encrypt(Map.of("v", 1, "body", body), receiverEncryption);
            String envelope = Jose.sign(jwe, "trm-envelope+jws", senderSigning);
            for (int i = 0; i < 3; i++) {
                verify(envelope, senderSigning);
            }
            BodyCipher.decrypt(jwe, List.of(receiverEncryption));
            String receipt = Jose.sign("{\"v\":1,\"sha256\":\"" + "0".repeat(64) + "\"}", "trm-envelope+jws", receiverSigning);
            for (int i = 0; i < 3; i++) {
                verify(receipt, receiverSigning);
            }
            done++;
        }
        return done;
    }

    private static void verify(String compact, PublicJsonWebKey key) throws Exception {
        JsonWebSignature jws = Jose.readSigned(compact);
        jws.setKey(key.getPublicKey());
        if (!jws.verifySignature()) {
            throw new IllegalStateException("a signature made here does not verify");
        }
    }
}
