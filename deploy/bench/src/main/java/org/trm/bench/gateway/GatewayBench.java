package org.trm.bench.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PfxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jose4j.jwk.PublicJsonWebKey;
import org.trm.bench.Cpu;
import org.trm.bench.Results;
import org.trm.model.crypto.BodyCipher;
import org.trm.model.crypto.Digests;
import org.trm.model.envelope.BatchOutcome;
import org.trm.model.envelope.Envelope;
import org.trm.model.envelope.EnvelopeBatch;
import org.trm.model.envelope.EnvelopeSigner;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.code.MessageType;
import org.trm.model.json.Json;
import org.trm.model.payload.Receipt;
import org.trm.testkit.pki.Pki;
import org.trm.testkit.pki.TestDirectory;
import org.trm.testkit.process.GatewayProcess;

/**
 * Benchmark (not a test): two real trm-gateway processes (AT, BG, each on its own PostgreSQL
 * database) relay signed, end-to-end encrypted envelopes from AT's node to a sink standing in for
 * BG's node inbox; every hop is mTLS and every accept is a durable commit. Printed next to a
 * baseline of the same bytes posted straight to the sink over the same kind of mTLS connection.
 *
 * Latency is from the moment the sender starts the request to the moment the sink has the whole
 * envelope (the sink runs in this process, so both ends use one clock).
 */
public final class GatewayBench {
    static Pki pki;
    static Path out;
    static final Map<UUID, Long> sentAt = new ConcurrentHashMap<>();
    static final Map<UUID, Long> latency = new ConcurrentHashMap<>();
    static final Map<UUID, Long> roundTrip = new ConcurrentHashMap<>();
    /** The gateways' collector unless TRM_BENCH_GATEWAY_OPTS names one. */
    static final String GATEWAY_GC = "-XX:+UseParallelGC";
    static volatile CountDownLatch arrivals = new CountDownLatch(0);
    static volatile CountDownLatch receipts = new CountDownLatch(0);

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new java.util.HashMap<>(Map.of("rate", "200", "seconds", "20", "count", "20000",
                "concurrency", "128", "payload-bytes", "2000", "warmup", "40000", "batch", "32"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        pki = Pki.at(Path.of(opt.get("pki")));
        out = Path.of(opt.get("out")).toAbsolutePath();
        Path app = Path.of(opt.get("app")).toAbsolutePath();
        int rate = Integer.parseInt(opt.get("rate"));
        int seconds = Integer.parseInt(opt.get("seconds"));
        int count = Integer.parseInt(opt.get("count"));
        int concurrency = Integer.parseInt(opt.get("concurrency"));
        int payloadBytes = Integer.parseInt(opt.get("payload-bytes"));
        int warmup = Integer.parseInt(opt.get("warmup"));
        int batchSize = Integer.parseInt(opt.get("batch"));

        Vertx vertx = Vertx.vertx();
        HttpServer sink = startSink(vertx);
        String sinkUrl = "https://127.0.0.1:" + sink.actualPort();

        TestDirectory directory = new TestDirectory(pki, out.resolve("federation.jws"));
        List<String> dbs = List.of(opt.getOrDefault("db-a", "gw_bench_a"), opt.getOrDefault("db-b", "gw_bench_b"));
        List<GatewayProcess> gateways = List.of(gateway(app, "AT", dbs.get(0), sinkUrl, directory.file()),
                gateway(app, "BG", dbs.get(1), sinkUrl, directory.file()));
        directory.urls(Map.of("AT", gateways.get(0).url(), "BG", gateways.get(1).url())).publish(null);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> gateways.forEach(GatewayBench::stop)));
        for (GatewayProcess gateway : gateways) {
            gateway.start(true);
        }

        int settle = rate * 2;
        int total = rate * seconds * 2 + count + 2 * warmup + 2 * settle;
        System.out.printf("preparing %d signed, encrypted envelopes (%d-byte payload)...%n", total, payloadBytes);
        List<String> envelopes = prepare(total, payloadBytes);
        System.out.printf("envelope size on the wire: %d bytes; signatures by %s%n", envelopes.get(0).length(),
                org.trm.model.crypto.Jose.signatureProvider());
        int next = 0;

        HttpClient asNode = client(vertx, pki.keystore("AT", "node"), concurrency);
        HttpClient asGateway = client(vertx, pki.keystore("BG", "gateway"), concurrency);
        String relayUrl = gateways.get(0).url() + "/local/v1/envelopes";
        String directUrl = sinkUrl + "/federation/v1/inbox";

        // Warm-up: JIT compilation (which would otherwise be counted as the relay's CPU), pools, caches;
        // half of it through the batch endpoint that the throughput phase uses.
        run(asGateway, directUrl, envelopes.subList(next, next += warmup), concurrency, 0, 1);
        run(asNode, relayUrl, envelopes.subList(next, next += warmup / 2), concurrency, 0, 1);
        run(asNode, relayUrl, envelopes.subList(next, next += warmup / 2), concurrency, 0, batchSize);
        vacuum(dbs);

        // Each rate phase starts with two unmeasured seconds at its rate, so that neither pays for
        // reopening the connections that idled out during the phase before.
        run(asGateway, directUrl, envelopes.subList(next, next += settle), 0, rate, 1);
        Result direct = run(asGateway, directUrl, envelopes.subList(next, next += rate * seconds), 0, rate, 1);
        run(asNode, relayUrl, envelopes.subList(next, next += settle), 0, rate, 1);
        Result relay = run(asNode, relayUrl, envelopes.subList(next, next += rate * seconds), 0, rate, 1);
        Result commit = durableCommits(dbs.get(1), envelopes.subList(next - rate * seconds, next), rate);
        vacuum(dbs);
        List<ProcessHandle> gatewayHandles = gateways.stream().map(GatewayProcess::handle).toList();
        double[] cpuBefore = cpu(gatewayHandles);
        Result throughput = run(asNode, relayUrl, envelopes.subList(next, next += count), concurrency, 0, batchSize);
        double[] cpuAfter = cpu(gatewayHandles);
        double[] cpuPer = new double[cpuAfter.length];
        for (int i = 0; i < cpuPer.length; i++) {
            cpuPer[i] = (cpuAfter[i] - cpuBefore[i]) * 1000 / Math.max(1, throughput.messages);
        }

        System.out.println();
        System.out.printf("%-44s %10s %9s %9s %9s%n", "scenario", "msgs/s", "p50 ms", "p99 ms", "max ms");
        print("direct HTTPS to sink @ " + rate + "/s (baseline)", direct);
        print("relay AT->BG->sink @ " + rate + "/s", relay);
        print("relay AT->BG->sink, max (node posts " + batchSize + " per request)", throughput);
        System.out.printf("durable insert of one envelope @ %d/s, alone: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", rate,
                commit.p50, commit.p99, commit.max);
        System.out.printf("%nrelay p99 / baseline p99 at %d/s: %.2f (target <= 3)%n", rate, relay.p99 / direct.p99);
        // Every relay stores twice durably before the sink has the envelope, and makes three HTTPS hops:
        // no relay's median can be below this sum of medians, whatever the implementation.
        double floor = 2 * commit.p50 + 3 * direct.p50;
        System.out.printf("floor of any durable two-gateway relay (2 durable inserts + 3 HTTPS hops, medians added): "
                + "%.2f ms = %.1f x the baseline's p99%n", floor, floor / direct.p99);
        System.out.printf("relay throughput: %.0f envelopes/s (target >= 1000)%n", throughput.rate);
        System.out.printf("CPU per relayed envelope and its receipt: gateways %.2f ms (of which their JIT compilers "
                + "%.2f ms), PostgreSQL %.2f ms, load generator and stand-in node %.2f ms; machine load average %.1f%n",
                cpuPer[0], cpuPer[3], cpuPer[1], cpuPer[2],
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        Results results = new Results("gateway");
        opt.forEach((k, v) -> {
            if (!List.of("pki", "out", "app").contains(k)) {
                results.setting(k, v);
            }
        });
        results.row(row("direct HTTPS to sink @ " + rate + "/s (baseline)", direct))
                .row(row("relay AT->BG->sink @ " + rate + "/s", relay))
                .row(row("relay AT->BG->sink, max (node posts " + batchSize + " per request)", throughput))
                .figure("relayPerSecond", throughput.rate).figure("relayP99AtRateMs", relay.p99)
                .figure("baselineP99AtRateMs", direct.p99).figure("durableInsertP50Ms", commit.p50)
                .figure("cpuPerEnvelopeMs", Results.columns("gateways", cpuPer[0], "gatewaysJit", cpuPer[3],
                        "postgres", cpuPer[1], "benchAndStandIn", cpuPer[2]));
        System.out.println("results in " + results.write(out));

        gateways.forEach(GatewayBench::stop);
        vertx.close();
        System.exit(0);
    }

    record Result(int messages, double rate, double p50, double p99, double max) {
    }

    static Map<String, Object> row(String name, Result r) {
        return Results.columns("scenario", name, "perSecond", r.rate, "p50Ms", r.p50, "p99Ms", r.p99, "maxMs", r.max);
    }

    static void print(String name, Result r) {
        System.out.printf("%-44s %10.0f %9.2f %9.2f %9.2f%n", name, r.rate, r.p50, r.p99, r.max);
    }

    /**
     * Sends {@code envelopes}: at a fixed {@code rate} (open loop) when rate > 0, else as fast as
     * {@code concurrency} envelopes in flight allow; {@code perRequest} > 1 posts them as batches
     * (application/trm-envelope-batch+json). Waits until the sink has every envelope.
     */
    static Result run(HttpClient client, String url, List<String> envelopes, int concurrency, int rate, int perRequest)
            throws Exception {
        latency.clear();
        roundTrip.clear();
        sentAt.clear();
        arrivals = new CountDownLatch(envelopes.size());
        receipts = new CountDownLatch(envelopes.size());
        Semaphore inFlight = new Semaphore(concurrency > 0 ? concurrency : 100_000);
        AtomicInteger failures = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
        long start = System.nanoTime();
        for (int i = 0; i < envelopes.size(); i += perRequest) {
            if (rate > 0) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            List<String> request = envelopes.subList(i, Math.min(envelopes.size(), i + perRequest));
            inFlight.acquire(request.size());
            long now = System.nanoTime();
            for (String jws : request) {
                sentAt.put(idOf(jws), now);
            }
            String body = perRequest == 1 ? request.get(0)
                    : Json.write(new EnvelopeBatch(request));
            client.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                            .putHeader("Content-Type", perRequest == 1 ? MediaTypes.ENVELOPE_JWS : MediaTypes.ENVELOPE_BATCH))
                    .compose(req -> req.send(Buffer.buffer(body)).compose(resp -> resp.body().map(answer -> {
                        int refused = resp.statusCode() >= 300 ? request.size()
                                : perRequest == 1 ? 0 : refused(answer.toString());
                        if (refused > 0) {
                            failures.addAndGet(refused);
                            firstFailure.compareAndSet(null, "HTTP " + resp.statusCode() + " " + answer);
                            for (int k = 0; k < refused; k++) {
                                arrivals.countDown();
                            }
                        }
                        return answer;
                    })))
                    .onComplete(r -> {
                        inFlight.release(request.size());
                        if (r.failed()) {
                            failures.addAndGet(request.size());
                            firstFailure.compareAndSet(null, r.cause().toString());
                            request.forEach(x -> arrivals.countDown());
                        }
                    });
        }
        if (!arrivals.await(300, TimeUnit.SECONDS)) {
            System.out.printf("  %d envelopes did not arrive within 300 s%n", arrivals.getCount());
        }
        long elapsed = System.nanoTime() - start;
        // Each phase ends when every receipt is back at the sender's side (the direct baseline has
        // none), so that no phase measures the previous one's return traffic.
        if (url.contains("/local/") && !receipts.await(300, TimeUnit.SECONDS)) {
            System.out.printf("  %d receipts did not come back within 300 s%n", receipts.getCount());
        }
        double[] rt = roundTrip.values().stream().mapToDouble(n -> n / 1e6).sorted().toArray();
        if (rt.length > 0) {
            System.out.printf("  %d receipts back at the sender: round trip p50 %.2f ms, p99 %.2f ms%n", rt.length,
                    pct(rt, 50), pct(rt, 99));
        }
        if (failures.get() > 0) {
            System.out.printf("  %s: %d of %d envelopes failed, first: %s%n", url, failures.get(), envelopes.size(),
                    firstFailure.get());
        }
        double[] ms = latency.values().stream().mapToDouble(n -> n / 1e6).sorted().toArray();
        if (ms.length == 0) {
            return new Result(0, 0, 0, 0, 0);
        }
        return new Result(ms.length, ms.length / (elapsed / 1e9), pct(ms, 50), pct(ms, 99), ms[ms.length - 1]);
    }

    static int refused(String batchOutcome) {
        try {
            return (int) Json.MAPPER.readValue(batchOutcome, BatchOutcome.class)
                    .results().stream().filter(r -> r.status() >= 300).count();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable batch answer", e);
        }
    }

    /**
     * What one durable store costs on this machine, without any relay: the same envelopes inserted one
     * per transaction (synchronous commit, as an accept) at the relay's rate, into a scratch table of
     * a gateway's database.
     */
    static Result durableCommits(String db, List<String> envelopes, int rate) throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db, "trm", "trm")) {
            try (var st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS bench_commit (id uuid PRIMARY KEY, jws text)");
                st.execute("ALTER TABLE bench_commit ALTER COLUMN jws SET STORAGE EXTERNAL");
                st.execute("TRUNCATE bench_commit");
            }
            double[] ms = new double[envelopes.size()];
            long start = System.nanoTime();
            try (var ps = c.prepareStatement("INSERT INTO bench_commit VALUES (?, ?)")) {
                for (int i = 0; i < envelopes.size(); i++) {
                    long wait = start + (long) (i * 1e9 / rate) - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    long t0 = System.nanoTime();
                    ps.setObject(1, UUID.randomUUID());
                    ps.setString(2, envelopes.get(i));
                    ps.executeUpdate();
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            try (var st = c.createStatement()) {
                st.execute("DROP TABLE bench_commit");
            }
            Arrays.sort(ms);
            return new Result(ms.length, rate, pct(ms, 50), pct(ms, 99), ms[ms.length - 1]);
        }
    }

    /**
     * Clears the dead row versions the previous phase left in the queue. A server with autovacuum
     * does this by itself; a test server may run without it (this machine's does), and each phase
     * would otherwise pay for the one before.
     */
    static void vacuum(List<String> dbs) throws Exception {
        for (String db : dbs) {
            try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db, "trm", "trm");
                    var st = c.createStatement()) {
                st.execute("VACUUM ANALYZE message");
            }
        }
    }

    /** CPU seconds used so far by the gateways, PostgreSQL, this process, and the gateways' JIT compilers. */
    static double[] cpu(List<ProcessHandle> gateways) {
        return new double[] {Cpu.seconds(gateways), Cpu.seconds(Cpu.postgres()), Cpu.seconds(List.of(ProcessHandle.current())),
            Cpu.compilerSeconds(gateways)};
    }

    static double pct(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    static UUID idOf(String jws) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(jws.split("\\.")[1]));
        int i = payload.indexOf("\"messageId\":\"") + 13;
        return UUID.fromString(payload.substring(i, i + 36));
    }

    /**
     * The nodes' inbox stand-in: mTLS with BG's node certificate; records the arrival time and, like a
     * node, answers each delivery (alone or in a batch) with a receipt signed by BG's node (a receipt
     * reaching AT's side is just acknowledged and timed: the round trip), so that the gateways carry
     * the receipts back as they would in service.
     */
    static HttpServer startSink(Vertx vertx) throws Exception {
        EnvelopeSigner bgNode = new EnvelopeSigner(pki.signingKey("BG"));
        PublicJsonWebKey atNode = pki.encryptionKey("AT");
        // Gateways cannot read a receipt's body (it is encrypted to AT's node), so one body serves all:
        // the stand-in spares itself an ECDH per message, which is the node's cost, not the relay's.
        String receiptBody = BodyCipher.encrypt(new Receipt(1, UUID.randomUUID(), Digests.sha256Hex("stand-in"),
                Instant.now()), atNode);
        HttpServerOptions options = new HttpServerOptions().setSsl(true).setHost("127.0.0.1")
                .setClientAuth(ClientAuth.REQUIRED)
                .setKeyCertOptions(new PfxOptions().setPath(pki.keystore("BG", "node").toString()).setPassword(pki.password()))
                .setTrustOptions(new PfxOptions().setPath(pki.truststore().toString()).setPassword(pki.password()));
        return vertx.createHttpServer(options).requestHandler(req -> req.body().onSuccess(body -> {
            String contentType = req.getHeader("Content-Type");
            if (contentType != null && contentType.startsWith(MediaTypes.ENVELOPE_BATCH)) {
                List<BatchOutcome.Result> results = Json.read(body.toString(), EnvelopeBatch.class).envelopes().stream()
                        .map(jws -> BatchOutcome.Result.delivered(idOf(jws), take(jws, bgNode, receiptBody)))
                        .toList();
                req.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                        .end(Json.write(new BatchOutcome(results)));
                return;
            }
            String receipt = take(body.toString(), bgNode, receiptBody);
            if (receipt == null) {
                req.response().setStatusCode(204).end();
            } else {
                req.response().setStatusCode(200).putHeader("Content-Type", MediaTypes.ENVELOPE_JWS).end(receipt);
            }
        })).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /**
     * Times one delivered envelope; answers, as a node, with a receipt signed by BG's node (signed on
     * the event loop: with the native signature provider it takes well under 0.1 ms), or with
     * nothing for a receipt reaching AT's side, which ends its round trip.
     */
    static String take(String jws, EnvelopeSigner bgNode, String receiptBody) {
        long now = System.nanoTime();
        UUID id = idOf(jws);
        Long sent = sentAt.get(id);
        if (sent != null && latency.putIfAbsent(id, now - sent) == null) {
            arrivals.countDown();
        }
        Envelope e = EnvelopeVerifier.peek(jws);
        if (e.type() == MessageType.RECEIPT) {
            Long original = sentAt.get(e.inReplyTo());
            if (original != null && roundTrip.putIfAbsent(e.inReplyTo(), now - original) == null) {
                receipts.countDown();
            }
            return null;
        }
        return bgNode.sign(Envelope.create(MessageType.RECEIPT, "BG", "AT", e.conversationId(), e.messageId(),
                Instant.now(), Duration.ofDays(7), receiptBody));
    }

    static HttpClient client(Vertx vertx, Path keystore, int pool) {
        return vertx.createHttpClient(new HttpClientOptions().setSsl(true).setVerifyHost(true)
                .setKeyCertOptions(new PfxOptions().setPath(keystore.toString()).setPassword(pki.password()))
                .setTrustOptions(new PfxOptions().setPath(pki.truststore().toString()).setPassword(pki.password()))
                .setMaxPoolSize(Math.max(pool, 16)).setKeepAlive(true));
    }

    static List<String> prepare(int n, int payloadBytes) {
        PublicJsonWebKey recipient = pki.encryptionKey("BG");
        EnvelopeSigner signer = new EnvelopeSigner(pki.signingKey("AT"));
        String filler = "x".repeat(payloadBytes);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return IntStream.range(0, n).parallel().mapToObj(i -> {
            UUID id = UUID.randomUUID();
            String body = BodyCipher.encrypt(Map.of("v", 1, "caseReference", "AT-2026-" + i, "notes", filler), recipient);
            return signer.sign(new Envelope(Envelope.VERSION, id, UUID.randomUUID(), null, MessageType.REFERRAL, "AT", "BG",
                    now, now.plus(Duration.ofDays(7)), body));
        }).toList();
    }

    /**
     * A gateway as in service but for the benchmark's database pool (24 connections, for the
     * throughput phase's concurrency) and quiet logs; {@code TRM_BENCH_GATEWAY_OPTS} comes last.
     */
    static GatewayProcess gateway(Path app, String cc, String db, String nodeUrl, Path directory) throws Exception {
        List<String> jvm = new ArrayList<>(List.of("-Xmx512m"));
        String extras = System.getenv().getOrDefault("TRM_BENCH_GATEWAY_OPTS", "");
        if (!extras.matches(".*-XX:\\+Use\\w+GC.*")) {
            jvm.add(GATEWAY_GC);
        }
        for (String extra : extras.split("\\s+")) {
            if (!extra.isBlank()) {
                jvm.add(extra.replace("{cc}", cc.toLowerCase()));
            }
        }
        Path log = out.resolve("gateway-" + cc.toLowerCase() + ".log");
        Files.deleteIfExists(log);
        return new GatewayProcess(pki, app, cc, db, nodeUrl, directory)
                .with("quarkus.datasource.jdbc.max-size", "24")
                .with("quarkus.log.category.\"org.trm\".level", "WARN")
                .jvm(jvm)
                .log(log);
    }

    static void stop(GatewayProcess gateway) {
        try {
            gateway.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
