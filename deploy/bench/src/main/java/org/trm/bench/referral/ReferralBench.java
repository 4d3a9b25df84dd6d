package org.trm.bench.referral;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.trm.bench.Cpu;
import org.trm.bench.Results;
import org.trm.model.json.Json;
import org.trm.testkit.pki.Pki;
import org.trm.bench.NodeCall;
import org.trm.testkit.token.RealmLogin;

/**
 * End-to-end referral benchmark (not a test): node AT refers cases to node BG through both gateways,
 * each timed until BG's receipt is recorded at AT (read from AT's database, so that no request polls
 * the node). Two phases: closed loop with a fixed number in flight (throughput, and the CPU per
 * referral summed over every node, gateway and PostgreSQL), and open loop at a fixed rate, timed
 * from each referral's intended send time so that a stall is not hidden by sending less (no
 * coordinated omission). Then the cryptography of a referral in a tight loop on every core, the
 * ceiling the end-to-end rate is compared with. The cases and their consents are made beforehand
 * and not timed. Prints a table and writes it as JSON.
 *
 *   ReferralBench --status FEDERATION_STATUS_JSON --out DIR [--count 300] [--concurrency 8] [--rate 0] [--seconds 60]
 */
public final class ReferralBench {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    static final Pattern CONVERSATION = Pattern.compile("\"conversationId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    static String node;
    static RealmLogin login;
    /** Receipts awaited, by conversation: completed with the time AT's node recorded the receipt. */
    static final Map<UUID, CompletableFuture<Instant>> receipts = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>(Map.of("count", "300", "concurrency", "8", "rate", "0", "seconds", "60"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        JsonNode status = Json.MAPPER.readTree(Files.readString(Path.of(opt.get("status"))));
        JsonNode at = status.path("countries").path("AT");
        node = at.path("nodeUrl").asText();
        login = RealmLogin.coordinator(at.path("realmUrl").asText());
        int count = Integer.parseInt(opt.get("count"));
        int concurrency = Integer.parseInt(opt.get("concurrency"));
        int rate = Integer.parseInt(opt.get("rate"));
        int seconds = Integer.parseInt(opt.get("seconds"));
        Results results = new Results("referral");
        opt.forEach((k, v) -> {
            if (!List.of("status", "out").contains(k)) {
                results.setting(k, v);
            }
        });

        ExecutorService pool = Executors.newFixedThreadPool(Math.max(concurrency, 64));
        List<String> cases = makeCases(pool, count + rate * seconds);
        Thread watcher = watchReceipts("jdbc:postgresql://127.0.0.1:5432/" + at.path("nodeDatabase").asText());

        System.out.printf("%-36s %8s %12s %9s %9s %9s %s%n", "phase", "sent", "referrals/s", "p50 ms", "p99 ms", "max ms",
                "failed");
        List<ProcessHandle> services = services(status);
        if (count > 0) {
            double[] before = cpu(services, status);
            long start = System.nanoTime();
            Phase closed = closedLoop(pool, cases.subList(0, count), concurrency);
            double elapsed = (System.nanoTime() - start) / 1e9;
            double[] after = cpu(services, status);
            closed.print("closed loop, " + concurrency + " in flight", elapsed, results);
            double[] per = new double[before.length];
            for (int i = 0; i < per.length; i++) {
                per[i] = (after[i] - before[i]) * 1000 / Math.max(1, closed.latencies.size());
            }
            System.out.printf("CPU per referral: %.1f ms over the nodes, gateways and PostgreSQL (nodes %.1f, gateways %.1f, "
                    + "of which JIT compilers %.1f; PostgreSQL %.1f); this benchmark %.1f, Keycloak %.1f%n",
                    per[0] + per[1] + per[2], per[0], per[1], per[3], per[2], per[4], per[5]);
            results.figure("referralsPerSecond", closed.latencies.size() / elapsed)
                    .figure("cpuPerReferralMs", Results.columns("total", per[0] + per[1] + per[2], "nodes", per[0],
                            "gateways", per[1], "jitCompilers", per[3], "postgres", per[2], "bench", per[4], "keycloak", per[5]));
        }
        if (rate > 0) {
            long start = System.nanoTime();
            Phase open = openLoop(pool, cases.subList(count, count + rate * seconds), rate);
            open.print("open loop, " + rate + "/s, from intended send", (System.nanoTime() - start) / 1e9, results);
            results.figure("openLoopRate", rate).figure("openLoopP99Ms", open.percentile(99));
        }
        watcher.interrupt();

        Pki pki = Pki.at(Path.of(status.path("pkiDir").asText()));
        double ceiling = CryptoCeiling.referralsPerSecond(pki.signingKey("AT"), pki.signingKey("BG"), pki.encryptionKey("BG"),
                "x".repeat(2000), Duration.ofSeconds(5));
        System.out.printf("crypto ceiling (1 encryption, 1 decryption, 2 signatures, 6 verifications per referral, every core): "
                + "%.0f referrals/s%n", ceiling);
        results.figure("cryptoCeilingPerSecond", ceiling);
        if (count > 0) {
            double share = 100 * (Double) results.figures().get("referralsPerSecond") / ceiling;
            System.out.printf("end to end as a share of the crypto ceiling: %.1f %% (goal >= 50 %%)%n", share);
            results.figure("shareOfCryptoCeilingPercent", share);
        }
        System.out.println("results in " + results.write(Path.of(opt.getOrDefault("out", "out"))));
        pool.shutdownNow();
        System.exit(0);
    }

    /** What a phase measured: per referral, milliseconds to its receipt; and the referrals that failed. */
    record Phase(List<Long> latencies, int failed, int sent) {
        long percentile(int p) {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
        }

        void print(String name, double seconds, Results results) {
            long max = latencies.isEmpty() ? -1 : Collections.max(latencies);
            System.out.printf("%-36s %8d %12.1f %9d %9d %9d %d%n", name, sent, latencies.size() / seconds, percentile(50),
                    percentile(99), max, failed);
            results.row(Results.columns("phase", name, "sent", sent, "perSecond", latencies.size() / seconds,
                    "p50Ms", percentile(50), "p99Ms", percentile(99), "maxMs", max, "failed", failed));
        }
    }

    /** Sent, and committed at the sender at {@code committed}; {@code receipt} completes with when AT recorded BG's receipt. */
    record Sent(Instant committed, CompletableFuture<Instant> receipt) {
    }

    static Phase closedLoop(ExecutorService pool, List<String> cases, int concurrency) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(concurrency);
        List<Future<?>> runs = new ArrayList<>();
        for (String caseId : cases) {
            inFlight.acquire();
            runs.add(pool.submit(() -> {
                try {
                    Sent sent = refer(caseId);
                    Instant receipted = sent.receipt().get(120, TimeUnit.SECONDS);
                    latencies.add(Math.max(0, Duration.between(sent.committed(), receipted).toMillis()));
                } catch (Exception e) {
                    failed.incrementAndGet();
                } finally {
                    inFlight.release();
                }
            }));
        }
        for (Future<?> f : runs) {
            f.get();
        }
        return new Phase(latencies, failed.get(), cases.size());
    }

    /** One referral every 1/rate s, whatever the earlier ones do; each timed from when it was meant to go. */
    static Phase openLoop(ExecutorService pool, List<String> cases, int rate) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        List<Future<?>> runs = new ArrayList<>();
        Instant t0 = Instant.now().plusMillis(100);
        for (int k = 0; k < cases.size(); k++) {
            Instant intended = t0.plusNanos(k * 1_000_000_000L / rate);
            long wait = Duration.between(Instant.now(), intended).toNanos();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String caseId = cases.get(k);
            runs.add(pool.submit(() -> {
                try {
                    Instant receipted = refer(caseId).receipt().get(120, TimeUnit.SECONDS);
                    latencies.add(Math.max(0, Duration.between(intended, receipted).toMillis()));
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
            }));
        }
        for (Future<?> f : runs) {
            f.get();
        }
        return new Phase(latencies, failed.get(), cases.size());
    }

    static Sent refer(String caseId) throws Exception {
        String queued = send("POST", "/api/v1/cases/" + caseId + "/referrals",
                "{\"to\":\"BG\",\"reason\":\"AdditionalServicesRequired\"}", 202);
        Instant committed = Instant.now();
        Matcher m = CONVERSATION.matcher(queued);
        if (!m.find()) {
            throw new IllegalStateException("no conversationId in the answer");
        }
        return new Sent(committed, receipts.computeIfAbsent(UUID.fromString(m.group(1)), c -> new CompletableFuture<>()));
    }

    static List<String> makeCases(ExecutorService pool, int n) throws Exception {
        List<Future<String>> made = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            made.add(pool.submit(ReferralBench::caseWithConsent));
        }
        List<String> cases = new ArrayList<>();
        for (Future<String> f : made) {
            cases.add(f.get());
        }
        System.out.printf("bench: %d cases with consent to share with BG made%n", n);
        return cases;
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

    /**
     * Reads, every 100 ms, the receipts AT's node recorded since the last look, and completes the
     * futures of their conversations: one query, however many referrals are in flight.
     */
    static Thread watchReceipts(String url) {
        Thread t = new Thread(() -> {
            Instant newest = Instant.now().minusSeconds(1);
            try (Connection c = DriverManager.getConnection(url, "trm", "trm"); PreparedStatement ps = c.prepareStatement("""
                    SELECT conversation_id, receipt_received_at FROM transnational_message
                    WHERE direction = 'OUTBOUND' AND type = 'REFERRAL' AND receipt_received_at >= ?""")) {
                while (!Thread.currentThread().isInterrupted()) {
                    // A receipt is stamped before its transaction commits, so one may appear with a time
                    // before the newest seen: look a few seconds back each time (completing is idempotent).
                    ps.setTimestamp(1, Timestamp.from(newest.minusSeconds(5)));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Instant at = rs.getTimestamp(2).toInstant();
                            receipts.computeIfAbsent(rs.getObject(1, UUID.class), id -> new CompletableFuture<>()).complete(at);
                            newest = at.isAfter(newest) ? at : newest;
                        }
                    }
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.out.println("bench: cannot read AT's receipts: " + e.getMessage());
            }
        }, "receipts");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Every node, gateway (and replica) process of the federation. */
    static List<ProcessHandle> services(JsonNode status) {
        List<Long> pids = new ArrayList<>();
        status.path("countries").forEach(country -> {
            pids.add(country.path("nodePid").asLong(-1));
            country.path("gatewayReplicas").forEach(r -> pids.add(r.path("pid").asLong(-1)));
            pids.add(country.path("gatewayPid").asLong(-1));
        });
        return Cpu.of(pids.stream().filter(p -> p > 0).distinct().toList());
    }

    /** CPU seconds so far: nodes, gateways, PostgreSQL, the gateways' and nodes' JIT compilers, this process, Keycloak. */
    static double[] cpu(List<ProcessHandle> services, JsonNode status) {
        List<ProcessHandle> nodes = new ArrayList<>();
        List<ProcessHandle> gateways = new ArrayList<>();
        List<Long> nodePids = new ArrayList<>();
        status.path("countries").forEach(country -> nodePids.add(country.path("nodePid").asLong(-1)));
        for (ProcessHandle p : services) {
            (nodePids.contains(p.pid()) ? nodes : gateways).add(p);
        }
        List<ProcessHandle> keycloak = Cpu.of(List.of(status.path("keycloak").path("pid").asLong(-1)));
        return new double[] {Cpu.seconds(nodes), Cpu.seconds(gateways), Cpu.seconds(Cpu.postgres()),
            Cpu.compilerSeconds(services), Cpu.seconds(List.of(ProcessHandle.current())), Cpu.seconds(keycloak)};
    }

    static String send(String method, String path, String body, int expected) throws Exception {
        return NodeCall.send(HTTP, node, login, method, path, body, expected);
    }
}
