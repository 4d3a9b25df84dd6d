package org.trm.bench.scale;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.trm.bench.NodeCall;
import org.trm.testkit.token.RealmLogin;

/**
 * The federation at scale (not a test): every country of a running local federation refers cases to
 * every other, at a fixed total rate, for a while; one gateway is killed (kill -9) and restarted
 * under the load. Measures, idle before the load, the resident memory of every process and the CPU
 * they use; under it, referrals sent and receipted, commit-to-receipt latency, and the recovery
 * after the kill (restart to no referral sent before it without its receipt). Receipts are read
 * from the nodes' databases, so that nothing polls the nodes.
 *
 *   ScaleBench --status STATUS_JSON --out DIR --federation FEDERATION_SH [--rate 20] [--seconds 300]
 *              [--kill CC] [--kill-at 0.5] [--startup-seconds S]
 */
public final class ScaleBench {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    static final Pattern CONVERSATION = Pattern.compile("\"conversationId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    /** A referral: when it was committed at its sender, and when its sender recorded the receipt (either may be seen first). */
    static final class Referral {
        volatile Instant committed;
        volatile Instant receipted;
    }

    static final Map<UUID, Referral> referrals = new ConcurrentHashMap<>();
    static final Map<String, RealmLogin> logins = new HashMap<>();
    static final Map<String, String> nodes = new HashMap<>();

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception e) {
            // The pool's threads would keep the JVM, and with it the federation, running.
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** The CPU the processes and PostgreSQL use over the next {@code seconds}, in per cent of the machine. */
    static double cpuPercent(List<ProcessHandle> processes, int seconds) throws InterruptedException {
        double cpu0 = Cpu.seconds(processes) + Cpu.seconds(Cpu.postgres());
        Thread.sleep(seconds * 1000L);
        return 100 * (Cpu.seconds(processes) + Cpu.seconds(Cpu.postgres()) - cpu0)
                / (seconds * (double) Runtime.getRuntime().availableProcessors());
    }

    static void run(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>(Map.of("rate", "20", "seconds", "300", "kill-at", "0.5"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        JsonNode status = Json.MAPPER.readTree(Files.readString(Path.of(opt.get("status"))));
        List<String> countries = new ArrayList<>();
        status.path("countries").fieldNames().forEachRemaining(countries::add);
        String kill = opt.getOrDefault("kill", countries.get(Math.min(1, countries.size() - 1)));
        int rate = Integer.parseInt(opt.get("rate"));
        int seconds = Integer.parseInt(opt.get("seconds"));
        Results results = new Results("scale");
        results.setting("countries", countries).setting("rate", rate).setting("seconds", seconds).setting("killed", kill);
        if (opt.containsKey("startup-seconds")) {
            results.figure("startupSeconds", Double.parseDouble(opt.get("startup-seconds")));
        }
        for (String cc : countries) {
            JsonNode c = status.path("countries").path(cc);
            nodes.put(cc, c.path("nodeUrl").asText());
            logins.put(cc, RealmLogin.coordinator(c.path("realmUrl").asText()));
        }

        List<ProcessHandle> processes = processes(status);
        double rss = memoryMb(processes, "VmRSS:") + memoryMb(Cpu.postgres(), "VmRSS:");
        // RSS counts a page shared by several processes (PostgreSQL's shared buffers, the JVMs' mapped
        // AOT cache and libjvm) once per process; PSS divides it among them: what the machine holds.
        double pss = memoryMb(processes, "Pss:") + memoryMb(Cpu.postgres(), "Pss:");
        // The first half minute after start-up still compiles (JIT) what the start-up ran: counted
        // apart, then idle is what the federation spends doing nothing, over a minute.
        double tail = cpuPercent(processes, 30);
        double idle = cpuPercent(processes, 60);
        System.out.printf("%d countries, %d processes: RSS %.0f MB, PSS %.0f MB (PostgreSQL and Keycloak included); idle CPU "
                + "%.1f %% of the machine (%.1f %% in the first 30 s after start-up)%n", countries.size(), processes.size(),
                rss, pss, idle, tail);
        results.figure("processes", processes.size()).figure("totalRssMb", rss).figure("totalPssMb", pss)
                .figure("startupTailCpuPercent", tail).figure("idleCpuPercent", idle);

        // Every ordered pair, round robin, each referral of its own case.
        List<String[]> pairs = new ArrayList<>();
        for (String from : countries) {
            for (String to : countries) {
                if (!from.equals(to)) {
                    pairs.add(new String[] {from, to});
                }
            }
        }
        int total = rate * seconds;
        ExecutorService pool = Executors.newFixedThreadPool(64);
        List<Future<String>> made = new ArrayList<>();
        for (int k = 0; k < total; k++) {
            String[] pair = pairs.get(k % pairs.size());
            made.add(pool.submit(() -> caseWithConsent(pair[0], pair[1])));
        }
        List<String> cases = new ArrayList<>();
        for (Future<String> f : made) {
            cases.add(f.get());
        }
        System.out.printf("%d cases with consent made, %d per ordered pair of countries%n", total, total / pairs.size());
        List<Thread> watchers = new ArrayList<>();
        for (String cc : countries) {
            watchers.add(watch("jdbc:postgresql://127.0.0.1:5432/" + status.path("countries").path(cc).path("nodeDatabase").asText()));
        }

        AtomicInteger failed = new AtomicInteger();
        Instant t0 = Instant.now().plusMillis(200);
        int killAt = (int) (total * Double.parseDouble(opt.get("kill-at")));
        Instant[] restarted = new Instant[1];
        List<Future<?>> sends = new ArrayList<>();
        for (int k = 0; k < total; k++) {
            Instant intended = t0.plusNanos(k * 1_000_000_000L / rate);
            long wait = Duration.between(Instant.now(), intended).toNanos();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String[] pair = pairs.get(k % pairs.size());
            String caseId = cases.get(k);
            sends.add(pool.submit(() -> {
                try {
                    refer(pair[0], pair[1], caseId);
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
            }));
            if (k == killAt) {
                long pid = status.path("countries").path(kill).path("gatewayPid").asLong();
                pool.submit(() -> {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    System.out.printf("kill -9 of %s's gateway (pid %d); restarting it%n", kill, pid);
                    restart(opt.get("federation"));
                    restarted[0] = Instant.now();
                    System.out.printf("%s's gateway restarted%n", kill);
                    return null;
                });
            }
        }
        for (Future<?> f : sends) {
            f.get();
        }
        Instant end = Instant.now();
        Double recovery = null;
        Instant deadline = end.plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            if (restarted[0] != null && recovery == null && backlog(restarted[0]) == 0) {
                recovery = Math.max(0, Duration.between(restarted[0], lastReceiptOfSentBefore(restarted[0])).toMillis() / 1000.0);
            }
            if (backlog(Instant.now()) == 0) {
                break;
            }
            Thread.sleep(500);
        }
        watchers.forEach(Thread::interrupt);

        List<Long> latencies = new ArrayList<>();
        int receipted = 0;
        List<Referral> all = sent().toList();
        for (Referral r : all) {
            if (r.receipted != null) {
                receipted++;
                latencies.add(Duration.between(r.committed, r.receipted).toMillis());
            }
        }
        Collections.sort(latencies);
        double sentSeconds = Duration.between(t0, end).toMillis() / 1000.0;
        System.out.printf("all pairs for %.0f s: %d referrals sent (%d failed to send), %d receipted, %d without receipt; "
                + "commit to receipt p50 %d ms, p99 %d ms; recovery after the gateway's restart %s%n", sentSeconds,
                all.size(), failed.get(), receipted, all.size() - receipted, pct(latencies, 50), pct(latencies, 99),
                recovery == null ? "not within the wait" : String.format("%.1f s", recovery));
        Map<String, Object> row = new LinkedHashMap<>(Results.columns("countries", countries.size(), "sent", all.size(),
                "sendFailures", failed.get(), "receipted", receipted, "withoutReceipt", all.size() - receipted,
                "p50Ms", pct(latencies, 50), "p99Ms", pct(latencies, 99), "recoverySeconds", recovery));
        results.row(row).figure("recoverySeconds", recovery).figure("withoutReceipt", all.size() - receipted);
        System.out.println("results in " + results.write(Path.of(opt.getOrDefault("out", "out"))));
        pool.shutdownNow();
        System.exit(0);
    }

    /** Referrals committed before {@code until} that have no receipt yet. */
    static long backlog(Instant until) {
        return sent().filter(r -> r.committed.isBefore(until) && r.receipted == null).count();
    }

    /** The referrals this run sent (not receipts of others seen in the databases). */
    static java.util.stream.Stream<Referral> sent() {
        return referrals.values().stream().filter(r -> r.committed != null);
    }

    static Instant lastReceiptOfSentBefore(Instant until) {
        return sent().filter(r -> r.committed.isBefore(until) && r.receipted != null)
                .map(r -> r.receipted).max(Instant::compareTo).orElse(until);
    }

    static long pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static void restart(String federation) {
        try {
            Process p = new ProcessBuilder(federation, "up").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(10, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("cannot restart the gateway", e);
        }
    }

    static String caseWithConsent(String from, String to) throws Exception {
        String created = send(from, "POST", "/api/v1/cases", """
                {"identificationStatus":"PRESUMED","formsOfExploitation":["Labour"],"citizenship":"%s",
                 "countryOfOrigin":"%s","countryOfExploitation":"%s","sex":"Female","ageAtIdentification":30}"""
                .formatted(to, to, from), 201);
        Matcher m = ID.matcher(created);
        m.find();
        String caseId = m.group(1);
        send(from, "POST", "/api/v1/cases/" + caseId + "/consents",
                "{\"scope\":\"SHARE_WITH_COUNTRY\",\"country\":\"" + to + "\",\"givenBy\":\"VICTIM\",\"language\":\"en\"}", 201);
        return caseId;
    }

    static void refer(String from, String to, String caseId) throws Exception {
        String queued = send(from, "POST", "/api/v1/cases/" + caseId + "/referrals",
                "{\"to\":\"" + to + "\",\"reason\":\"AdditionalServicesRequired\"}", 202);
        Instant committed = Instant.now();
        Matcher m = CONVERSATION.matcher(queued);
        if (!m.find()) {
            throw new IllegalStateException("no conversationId in the answer");
        }
        referrals.compute(UUID.fromString(m.group(1)), (id, r) -> {
            Referral referral = r == null ? new Referral() : r;
            referral.committed = committed;
            return referral;
        });
    }

    /** Marks, every 200 ms, the referrals whose receipts a node recorded since the last look. */
    static Thread watch(String url) {
        Thread t = new Thread(() -> {
            Instant newest = Instant.now().minusSeconds(1);
            try (Connection c = DriverManager.getConnection(url, "trm", "trm"); PreparedStatement ps = c.prepareStatement("""
                    SELECT conversation_id, receipt_received_at FROM transnational_message
                    WHERE direction = 'OUTBOUND' AND type = 'REFERRAL' AND receipt_received_at >= ?""")) {
                for (int poll = 0; !Thread.currentThread().isInterrupted(); poll++) {
                    // A receipt is stamped before its transaction commits, so one may appear with a time
                    // before the newest seen: look a few seconds back each time (completing is idempotent),
                    // and every 5 s all the way back, for receipts held up longer (a gateway killed).
                    ps.setTimestamp(1, Timestamp.from(poll % 25 == 0 ? Instant.EPOCH : newest.minusSeconds(5)));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Instant at = rs.getTimestamp(2).toInstant();
                            UUID id = rs.getObject(1, UUID.class);
                            referrals.compute(id, (x, r) -> {
                                Referral referral = r == null ? new Referral() : r;
                                referral.receipted = at;
                                return referral;
                            });
                            newest = at.isAfter(newest) ? at : newest;
                        }
                    }
                    Thread.sleep(200);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.out.println("scale: cannot read receipts at " + url + ": " + e.getMessage());
            }
        }, "receipts");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Every node, gateway (and replica) process and Keycloak. */
    static List<ProcessHandle> processes(JsonNode status) {
        List<Long> pids = new ArrayList<>();
        status.path("countries").forEach(country -> {
            pids.add(country.path("nodePid").asLong(-1));
            pids.add(country.path("gatewayPid").asLong(-1));
            country.path("gatewayReplicas").forEach(r -> pids.add(r.path("pid").asLong(-1)));
        });
        pids.add(status.path("keycloak").path("pid").asLong(-1));
        return Cpu.of(pids.stream().filter(p -> p > 0).distinct().toList());
    }

    /** The sum of a /proc memory figure in kB ({@code VmRSS:} from status, {@code Pss:} from smaps_rollup). */
    static double memoryMb(List<ProcessHandle> processes, String field) {
        String file = field.equals("VmRSS:") ? "status" : "smaps_rollup";
        double kb = 0;
        for (ProcessHandle p : processes) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/" + file))) {
                    if (line.startsWith(field)) {
                        kb += Double.parseDouble(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (java.io.IOException e) {
                // ended meanwhile
            }
        }
        return kb / 1024;
    }

    static String send(String cc, String method, String path, String body, int expected) throws Exception {
        return NodeCall.send(HTTP, nodes.get(cc), logins.get(cc), method, path, body, expected);
    }
}
