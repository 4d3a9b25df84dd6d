package org.trm.bench.node;

// Load generator for one nrm-node, run by deploy/bench/node/run.sh: NodeBench <baseUrl> <privateKeyPem> <mode> <seconds> [arg].
// It mints its own tokens with the test key the node is told to trust.
//
// Modes:
//   token 0                      prints a coordinator token (for wrk) and exits
//   max <seconds> <concurrency> [warmupSeconds]
//                                closed loop: as fast as the node answers, `concurrency` requests in flight
//   rate <seconds> <perSecond>   open loop: requests start on a fixed schedule; each latency is measured from
//                                the time the request was due, not from when it was sent, so that a stalled
//                                node cannot hide its stall (no coordinated omission)
//
// The mix: 20% create case, 20% update case (PUT with If-Match), 45% read case, 15% search.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.trm.testkit.token.TokenMinter;

public final class NodeBench {
    static final String ISSUER = "https://test.trm.local/realms/nrm-at";
    static final String ORG = "bench-org";
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    static final String[] CITIZENSHIPS = { "RO", "BG", "MD", "UA", "NG", "VN", "AT", "HU" };
    static final String[] FORMS = { "Labour", "Sexual", "ForcedBegging", "ForcedCriminality", "DomesticServitude" };

    enum Op { CREATE, UPDATE, READ, SEARCH }

    /** A case the generator created, with the version it last saw; busy while an update is in flight. */
    static final class Case {
        final String id;
        volatile int version;
        final java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean();

        Case(String id) {
            this.id = id;
        }
    }

    static HttpClient http;
    static String base;
    static String token;
    static final List<Case> cases = java.util.Collections.synchronizedList(new ArrayList<>());
    static final AtomicInteger cursor = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        base = args[0];
        TokenMinter minter = TokenMinter.withKey(Path.of(args[1]), ISSUER);
        String mode = args[2];
        int seconds = Integer.parseInt(args[3]);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(2)).connectTimeout(Duration.ofSeconds(5)).build();
        token = minter.token("bench-coordinator", "nrm-coordinator", ORG);
        if (mode.equals("token")) {
            System.out.println(token);
            return;
        }
        String admin = minter.token("bench-admin", "node-admin", ORG);
        send(HttpRequest.newBuilder(URI.create(base + "/api/v1/organisations")).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + ORG + "\",\"name\":\"Benchmark police\","
                        + "\"type\":\"LawEnforcement\",\"country\":\"AT\"}")).build()).join();
        for (int i = 0; i < 200; i++) {
            var r = send(request(Op.CREATE, null)).join();
            Matcher m = ID.matcher(r.body());
            if (r.statusCode() == 201 && m.find()) {
                cases.add(new Case(m.group(1)));
            }
        }
        if (cases.isEmpty()) {
            throw new IllegalStateException("the node created no case; is it up and does it trust the key?");
        }
        if (mode.equals("max")) {
            closedLoop(seconds, Integer.parseInt(args[4]), args.length > 5 ? Integer.parseInt(args[5]) : Math.max(5, seconds / 3));
        } else {
            openLoop(seconds, Integer.parseInt(args[4]));
        }
        System.exit(0);
    }

    static void closedLoop(int seconds, int concurrency, int warmup) throws Exception {
        // Warm-up first (JIT, pools), then the measured run.
        if (warmup > 0) {
            run(warmup, concurrency, null);
        }
        Stats stats = new Stats();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long elapsed = run(seconds, concurrency, stats);
        long cpu = os.getProcessCpuTime() - cpu0;
        System.out.printf("max-throughput: %d requests in %.1f s = %.0f req/s with %d in flight; errors %d%n",
                stats.count(), elapsed / 1e9, stats.count() / (elapsed / 1e9), concurrency, stats.errors.get());
        System.out.printf("  generator CPU per request: %.2f ms%n", cpu / 1e6 / stats.count());
        System.out.printf("  all    p50 %.1f ms  p99 %.1f ms%n", stats.all().p(50), stats.all().p(99));
        System.out.printf("  reads  p50 %.1f ms  p99 %.1f ms%n", stats.reads.p(50), stats.reads.p(99));
        System.out.printf("  writes p50 %.1f ms  p99 %.1f ms%n", stats.writes.p(50), stats.writes.p(99));
    }

    static long run(int seconds, int concurrency, Stats stats) throws Exception {
        Semaphore inFlight = new Semaphore(concurrency);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            inFlight.acquire();
            Op op = pick();
            long sent = System.nanoTime();
            issue(op).whenComplete((ok, e) -> {
                if (stats != null) {
                    stats.record(op, System.nanoTime() - sent, e == null && ok);
                }
                inFlight.release();
            });
        }
        inFlight.acquire(concurrency);
        return System.nanoTime() - start;
    }

    static void openLoop(int seconds, int perSecond) throws Exception {
        run(5, 4, null);
        Stats stats = new Stats();
        long interval = 1_000_000_000L / perSecond;
        long total = (long) seconds * perSecond;
        long start = System.nanoTime() + 10_000_000L;
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            Op op = pick();
            pending.add(issue(op).whenComplete((ok, e) -> stats.record(op, System.nanoTime() - due, e == null && ok)));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        System.out.printf("fixed rate: %d req/s for %d s (%d requests, latency from the scheduled send time); errors %d%n",
                perSecond, seconds, stats.count(), stats.errors.get());
        System.out.printf("  reads  (%d) p50 %.1f ms  p99 %.1f ms  max %.1f ms%n", stats.reads.size(), stats.reads.p(50),
                stats.reads.p(99), stats.reads.p(100));
        System.out.printf("  writes (%d) p50 %.1f ms  p99 %.1f ms  max %.1f ms%n", stats.writes.size(),
                stats.writes.p(50), stats.writes.p(99), stats.writes.p(100));
    }

    static Op pick() {
        int r = ThreadLocalRandom.current().nextInt(100);
        return r < 20 ? Op.CREATE : r < 40 ? Op.UPDATE : r < 85 ? Op.READ : Op.SEARCH;
    }

    /** Sends one operation; completes with whether the node answered as expected. */
    static CompletableFuture<Boolean> issue(Op op) {
        if (op == Op.UPDATE) {
            Case c = idleCase();
            if (c == null) {
                return issue(Op.READ);
            }
            return send(request(op, c)).handle((r, e) -> {
                try {
                    if (r != null && r.statusCode() == 200) {
                        String etag = r.headers().firstValue("ETag").orElse("\"0\"").replace("\"", "");
                        c.version = Integer.parseInt(etag);
                        return true;
                    }
                    return false;
                } finally {
                    c.busy.set(false);
                }
            });
        }
        Case c = op == Op.READ ? anyCase() : null;
        return send(request(op, c)).thenApply(r -> {
            if (op == Op.CREATE && r.statusCode() == 201) {
                Matcher m = ID.matcher(r.body());
                if (m.find()) {
                    cases.add(new Case(m.group(1)));
                }
                return true;
            }
            return r.statusCode() == 200;
        });
    }

    static Case anyCase() {
        return cases.get(ThreadLocalRandom.current().nextInt(cases.size()));
    }

    static Case idleCase() {
        for (int tries = 0; tries < 8; tries++) {
            Case c = cases.get(Math.floorMod(cursor.getAndIncrement(), cases.size()));
            if (c.busy.compareAndSet(false, true)) {
                return c;
            }
        }
        return null;
    }

    static HttpRequest request(Op op, Case c) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        HttpRequest.Builder b;
        switch (op) {
            case CREATE -> b = HttpRequest.newBuilder(URI.create(base + "/api/v1/cases"))
                    .POST(HttpRequest.BodyPublishers.ofString(caseJson(rnd, "PRESUMED")));
            case UPDATE -> b = HttpRequest.newBuilder(URI.create(base + "/api/v1/cases/" + c.id))
                    .header("If-Match", "\"" + c.version + "\"")
                    .PUT(HttpRequest.BodyPublishers.ofString(caseJson(rnd, "IDENTIFIED")));
            case READ -> b = HttpRequest.newBuilder(URI.create(base + "/api/v1/cases/" + c.id)).GET();
            default -> b = HttpRequest.newBuilder(URI.create(base + "/api/v1/cases?citizenship="
                    + CITIZENSHIPS[rnd.nextInt(CITIZENSHIPS.length)] + "&phase=IDENTIFICATION&size=20")).GET();
        }
        return b.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build();
    }

    static String caseJson(ThreadLocalRandom rnd, String status) {
        String citizenship = CITIZENSHIPS[rnd.nextInt(CITIZENSHIPS.length)];
        return "{\"identificationStatus\":\"" + status + "\",\"formsOfExploitation\":[\"" + FORMS[rnd.nextInt(FORMS.length)]
                + "\"],\"citizenship\":\"" + citizenship + "\",\"countryOfOrigin\":\"" + citizenship
                + "\",\"countryOfExploitation\":\"AT\",\"referringOrganisationId\":\"" + ORG
                + "\",\"leadOrganisationId\":\"" + ORG + "\",\"sex\":\"" + (rnd.nextBoolean() ? "Female" : "Male")
                + "\",\"ageAtIdentification\":" + (16 + rnd.nextInt(40)) + "}";
    }

    static CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Latencies in nanoseconds, kept whole so that percentiles are exact. */
    static final class Series {
        final ConcurrentLinkedQueue<Long> values = new ConcurrentLinkedQueue<>();
        long[] sorted;

        void add(long v) {
            values.add(v);
            sorted = null;
        }

        int size() {
            return values.size();
        }

        double p(double percentile) {
            if (sorted == null) {
                sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
            }
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }
    }

    static final class Stats {
        final Series reads = new Series();
        final Series writes = new Series();
        final AtomicLong errors = new AtomicLong();

        void record(Op op, long nanos, boolean ok) {
            if (!ok) {
                errors.incrementAndGet();
            }
            (op == Op.CREATE || op == Op.UPDATE ? writes : reads).add(nanos);
        }

        long count() {
            return reads.size() + writes.size();
        }

        Series all() {
            Series all = new Series();
            reads.values.forEach(all::add);
            writes.values.forEach(all::add);
            return all;
        }
    }
}
