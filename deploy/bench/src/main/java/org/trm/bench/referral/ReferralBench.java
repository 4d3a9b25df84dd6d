package org.trm.bench.referral;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.trm.testkit.token.RealmLogin;

/**
 * End-to-end referral benchmark (not a test): node AT refers cases to node BG through both gateways,
 * and each referral is timed from the sender's commit (the 202 of the referral request) until the
 * sender's thread shows BG's receipt (RECEIPTED). Closed loop with a fixed number of referrals in
 * flight; the cases and their consents are made beforehand and not timed.
 *
 *   ReferralBench AT_NODE AT_REALM COUNT CONCURRENCY   (deploy/bench/referral/run.sh)
 */
public final class ReferralBench {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    static final Pattern CONVERSATION = Pattern.compile("\"conversationId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    static String node;
    static RealmLogin login;

    public static void main(String[] args) throws Exception {
        node = args[0];
        login = RealmLogin.coordinator(args[1]);
        int count = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);

        List<Future<String>> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            made.add(pool.submit(ReferralBench::caseWithConsent));
        }
        List<String> cases = new ArrayList<>();
        for (Future<String> f : made) {
            cases.add(f.get());
        }
        System.out.printf("bench: %d cases with consent to share with BG made; referring them, %d in flight%n",
                count, concurrency);

        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> runs = new ArrayList<>();
        for (String caseId : cases) {
            runs.add(pool.submit(() -> {
                try {
                    latencies.add(refer(caseId));
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
            }));
        }
        for (Future<?> f : runs) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("referrals end to end (node AT -> gateway AT -> gateway BG -> node BG, receipt back): "
                + "%d in %.1f s = %.1f referrals/s, %d failed%n", sorted.size(), seconds, sorted.size() / seconds,
                failed.get());
        if (!sorted.isEmpty()) {
            System.out.printf("commit -> receipt at the sender: p50 %d ms, p99 %d ms, max %d ms%n",
                    pct(sorted, 50), pct(sorted, 99), sorted.get(sorted.size() - 1));
        }
    }

    static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static String caseWithConsent() throws Exception {
        String created = send("POST", "/api/v1/cases", """
                {"identificationStatus":"PRESUMED","formsOfExploitation":["Labour"],"citizenship":"BG",
                 "countryOfOrigin":"BG","countryOfExploitation":"AT","sex":"Female","ageAtIdentification":30}""", 201);
        Matcher m = ID.matcher(created);
        m.find();
        String caseId = m.group(1);
        send("POST", "/api/v1/cases/" + caseId + "/consents",
                "{\"scope\":\"SHARE_WITH_COUNTRY\",\"country\":\"BG\",\"givenBy\":\"VICTIM\",\"language\":\"bg\"}", 201);
        return caseId;
    }

    /** Refers one case; answers the milliseconds from the sender's commit to the receipt. */
    static long refer(String caseId) throws Exception {
        String queued = send("POST", "/api/v1/cases/" + caseId + "/referrals",
                "{\"to\":\"BG\",\"reason\":\"AdditionalServicesRequired\"}", 202);
        long committed = System.nanoTime();
        Matcher m = CONVERSATION.matcher(queued);
        m.find();
        String path = "/api/v1/referrals/" + m.group(1);
        long deadline = committed + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (send("GET", path, null, 200).contains("\"state\":\"RECEIPTED\"")) {
                return (System.nanoTime() - committed) / 1_000_000;
            }
            Thread.sleep(25); // polling faster would take the CPU the relay needs
        }
        throw new IllegalStateException("no receipt within 120 s");
    }

    static String send(String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + login.token()).header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode());
        }
        return r.body();
    }
}
