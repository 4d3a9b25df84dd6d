package org.trm.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.trm.testkit.process.LocalFederation;

/**
 * The fault suite: a local federation of AT, BG and RO (agreements between each pair, RO served by
 * two gateway replicas on one database behind a balancer), a steady stream of referrals and case
 * updates every way, and one fault after another while it flows. After each fault it waits until
 * every message sent so far is settled at its sender (receipted or failed), and times that. At the
 * end it counts, from the databases, what became of every message, prints the table, writes the
 * results as JSON and answers whether nothing was lost, duplicated, stuck or failed.
 *
 *   FaultSuite [--short] [--messages N] [--rate PER_SECOND] [--faults NAME,...] [--out FILE] [--keep]
 *   (deploy/faults/run.sh)
 */
public final class FaultSuite {
    static final List<String> COUNTRIES = List.of("AT", "BG", "RO");
    /** Every pair may exchange every message type, so that the stream runs all six ways. */
    static final String AGREEMENTS = "AT-BG AT-RO BG-RO";
    static final String REPLICATED = "RO";
    /** Clear of the demo federation (offset 0) and the system tests' (10000, it_). */
    static final int PORT_OFFSET = 20000;
    static final String DB_PREFIX = "ft_";
    static final List<String> ALL_FAULTS = List.of("gateway-kill-AT", "gateway-kill-BG", "replica-kill-RO",
            "node-kill-AT", "node-stop-BG", "postgres-restart", "gateway-freeze-AT", "postgres-crash",
            "clock-behind-RO", "clock-ahead-RO");

    private final Path root;
    private final Plan plan;
    private final LocalFederation federation;
    private final Databases databases = new Databases(DB_PREFIX);
    private final Ledger ledger = new Ledger();
    private final Set<UUID> settled = new HashSet<>();
    private final List<Phase> phases = new ArrayList<>();
    private final Map<String, String> settings;
    private Map<String, NodeApi> nodes;
    private ApiProbe probe;
    private Stream stream;
    private String fakeTimeLibrary;

    /** The suite of {@code plan}, its federation run from {@code runDir}. */
    FaultSuite(Path runDir, Plan plan) {
        this.plan = plan;
        Map<String, String> env = new HashMap<>();
        env.put("TRM_LOCAL_PORT_OFFSET", String.valueOf(PORT_OFFSET));
        env.put("TRM_LOCAL_DB_PREFIX", DB_PREFIX);
        env.put("TRM_LOCAL_AGREEMENTS", AGREEMENTS);
        env.put("TRM_LOCAL_GATEWAY_REPLICAS", REPLICATED);
        env.put("TRM_LOCAL_READY_TIMEOUT", "420");
        env.putAll(plan.federationEnvironment());
        this.settings = Map.copyOf(env);
        this.federation = new LocalFederation(COUNTRIES, runDir, settings);
        this.root = federation.root();
    }

    public static void main(String[] args) throws Exception {
        Path out = null;
        boolean shortRun = false;
        boolean keep = false;
        Integer messages = null;
        Double rate = null;
        List<String> faults = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--short" -> shortRun = true;
                case "--keep" -> keep = true;
                case "--messages" -> messages = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--faults" -> faults = Arrays.asList(args[++i].split(","));
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        // Run from the module's directory (deploy/faults), as run.sh and the integration test do.
        Path target = Path.of("target").toAbsolutePath();
        if (out == null) {
            out = target.resolve("fault-suite-" + (shortRun ? "short" : "full") + ".json");
        }
        Plan plan = shortRun ? Plan.shortRun(out) : Plan.full(out);
        if (messages != null || rate != null || faults != null) {
            for (String f : faults == null ? List.<String>of() : faults) {
                if (!ALL_FAULTS.contains(f)) {
                    throw new IllegalArgumentException("unknown fault " + f + "; the faults are " + ALL_FAULTS);
                }
            }
            plan = new Plan(plan.name(), messages != null ? messages : plan.messages(), rate != null ? rate : plan.rate(),
                    plan.baseline(), plan.hold(), plan.clockHold(), plan.recoveryLimit(), plan.settleLimit(),
                    faults != null ? faults : plan.faults(), plan.federationEnvironment(), out);
        }
        Verdict verdict = new FaultSuite(target.resolve("federation"), plan).run(keep);
        System.exit(verdict.passed() ? 0 : 1);
    }

    /** Runs the plan and answers the verdict; the federation is stopped afterwards unless {@code keep}. */
    Verdict run(boolean keep) throws Exception {
        String started = Instant.now().toString();
        String loadBefore = loadAverage();
        if (plan.faults().stream().anyMatch(f -> f.startsWith("clock-"))) {
            fakeTimeLibrary = bash(". deploy/lib/tools.sh && ensure_commands faketime >&2 && "
                    + "dpkg -L libfaketime | grep -m1 '/libfaketime.so.1$'").trim();
        }
        log("starting the federation (" + String.join(", ", COUNTRIES) + "; agreements " + AGREEMENTS + "; "
                + REPLICATED + " on two gateway replicas)");
        federation.stop();
        try {
            federation.up(true);
            return measure(started, loadBefore);
        } finally {
            if (!keep) {
                federation.stop();
            }
        }
    }

    private Verdict measure(String started, String loadBefore) throws Exception {
        nodes = new LinkedHashMap<>();
        for (String cc : COUNTRIES) {
            nodes.put(cc, new NodeApi(cc, federation.nodeUrl(cc), federation.realmUrl(cc)));
        }
        List<String[]> directions = new ArrayList<>();
        for (String pair : AGREEMENTS.split(" ")) {
            String[] p = pair.split("-");
            directions.add(new String[] {p[0], p[1]});
            directions.add(new String[] {p[1], p[0]});
        }
        Verdict verdict;
        try (ApiProbe apiProbe = new ApiProbe(nodes); Stream traffic = new Stream(nodes, directions, plan.rate(), ledger)) {
            probe = apiProbe;
            stream = traffic;
            probe.start();
            stream.start();
            log(String.format("stream at %.0f messages/s; plan %s: %d messages at least, faults %s", plan.rate(),
                    plan.name(), plan.messages(), plan.faults()));

            Phase baseline = begin("none", "no fault: the stream alone");
            sleep(plan.baseline());
            end(baseline);
            for (String fault : plan.faults()) {
                Phase phase = begin(fault, describe(fault));
                inject(fault, phase);
                end(phase);
            }
            if (ledger.size() < plan.messages()) {
                Phase steady = begin("none (after)", "no fault: until the plan's number of messages is sent");
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos((long) (2 * plan.messages() / plan.rate()) + 60);
                while (ledger.size() < plan.messages() && System.nanoTime() < until) {
                    Thread.sleep(1000);
                }
                end(steady);
            }
            stream.close();
            phases.get(phases.size() - 1).end = Instant.now();
            log("stream stopped after " + ledger.size() + " messages; waiting until everything is settled (at most "
                    + plan.settleLimit().toSeconds() + " s)");
            settle();
            verdict = Verdict.count(phases, ledger, databases, COUNTRIES, probe, Map.of("node-kill-AT", "AT",
                    "node-stop-BG", "BG", "clock-behind-RO", "RO", "clock-ahead-RO", "RO"));
            verdict.misses = stream.misses();
        }
        verdict.print(System.out);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("plan", plan.name());
        run.put("commit", bash("git rev-parse HEAD").trim() + (bash("git status --porcelain").isBlank() ? "" : " (uncommitted changes)"));
        run.put("cores", Runtime.getRuntime().availableProcessors());
        run.put("loadAverageBefore", loadBefore);
        run.put("loadAverageAfter", loadAverage());
        run.put("started", started);
        run.put("finished", Instant.now().toString());
        run.put("rate", plan.rate());
        run.put("federation", settings);
        verdict.write(plan.out(), run);
        log("results in " + plan.out());
        return verdict;
    }

    private String describe(String fault) {
        if (fault.equals("postgres-restart")) {
            return "PostgreSQL restarted (pg_ctlcluster restart)";
        }
        if (fault.equals("postgres-crash")) {
            return "PostgreSQL crashed (pg_ctlcluster stop -m immediate), then started";
        }
        String cc = fault.substring(fault.lastIndexOf('-') + 1);
        return switch (fault.substring(0, fault.lastIndexOf('-'))) {
            case "gateway-kill" -> "kill -9 of " + cc + "'s gateway, restarted at once";
            case "replica-kill" -> "kill -9 of one of " + cc + "'s two gateway replicas while it holds leased messages, "
                    + "restarted after " + plan.hold().toSeconds() + " s";
            case "node-kill" -> "kill -9 of " + cc + "'s node with messages in its outbox, restarted at once";
            case "node-stop" -> cc + "'s node stopped for " + plan.hold().toSeconds() + " s";
            case "gateway-freeze" -> cc + "'s gateway frozen (SIGSTOP) for " + plan.hold().toSeconds() + " s, then SIGCONT";
            case "clock-behind" -> cc + "'s node with its clock 10 min behind for " + plan.clockHold().toSeconds() + " s";
            case "clock-ahead" -> cc + "'s node with its clock 10 min ahead for " + plan.clockHold().toSeconds() + " s";
            default -> throw new IllegalArgumentException("unknown fault " + fault);
        };
    }

    private void inject(String fault, Phase phase) throws Exception {
        String cc = fault.substring(fault.lastIndexOf('-') + 1);
        String l = cc.toLowerCase();
        switch (fault) {
            case "postgres-restart" -> bash(". deploy/lib/postgres.sh && pg_cluster restart");
            case "postgres-crash" -> {
                bash(". deploy/lib/postgres.sh && pg_cluster stop -m immediate");
                bash(". deploy/lib/postgres.sh && pg_cluster start");
            }
            default -> {
                switch (fault.substring(0, fault.lastIndexOf('-'))) {
                    case "gateway-kill" -> {
                        federation.kill(l + "-gateway");
                        federation.up(false);
                    }
                    case "replica-kill" -> {
                        int leased = waitFor(() -> databases.leased(cc));
                        federation.kill(l + "-gateway-2");
                        phase.note = leased + " messages leased at " + cc + "'s gateways at the kill";
                        sleep(plan.hold());
                        federation.up(false);
                    }
                    case "node-kill" -> {
                        probe.down(cc, true);
                        stream.burst(cc, 40);
                        int queued = waitFor(() -> databases.queued(cc));
                        federation.kill(l + "-node");
                        phase.note = queued + " messages in " + cc + "'s outbox at the kill";
                        federation.up(false);
                        probe.down(cc, false);
                    }
                    case "node-stop" -> {
                        probe.down(cc, true);
                        federation.stop(l + "-node");
                        sleep(plan.hold());
                        federation.up(false);
                        probe.down(cc, false);
                    }
                    case "gateway-freeze" -> {
                        federation.signal("STOP", l + "-gateway");
                        sleep(plan.hold());
                        federation.signal("CONT", l + "-gateway");
                    }
                    case "clock-behind", "clock-ahead" -> {
                        boolean ahead = fault.startsWith("clock-ahead");
                        restartNode(cc, fakeClock(ahead ? "+10m" : "-10m"));
                        // Ahead, the node sees the realm's 5-minute tokens as expired and refuses its
                        // users (401): meant, and not counted as the API failing. Messages must still flow.
                        probe.down(cc, ahead);
                        Instant from = Instant.now();
                        sleep(plan.clockHold());
                        phase.note = cc + "'s node ran with FAKETIME=" + (ahead ? "+10m" : "-10m") + "; its API answered "
                                + probe.statuses(from, Instant.now(), cc) + " (status: requests)"
                                + (ahead ? ", refusals of tokens that look expired to it are meant" : "");
                        restartNode(cc, Map.of());
                    }
                    default -> throw new IllegalArgumentException("unknown fault " + fault);
                }
            }
        }
    }

    /**
     * The node's settings with libfaketime preloaded. FAKETIME_DONT_FAKE_MONOTONIC keeps the JVM's
     * monotonic clock (System.nanoTime) true. FAKETIME_FORCE_MONOTONIC_FIX=0 is needed as well: with
     * glibc 2.30 and later, libfaketime otherwise shifts the deadline of every
     * pthread_cond_timedwait by the offset, and the JVM waits on the monotonic clock, so every timed
     * park (LockSupport.parkNanos, Object.wait) returns at once with a clock behind, and waits ten
     * minutes too long with one ahead: schedulers spin or stall. Only the wall clock is off then.
     */
    private Map<String, String> fakeClock(String offset) {
        String nodeEnv = settings.getOrDefault("TRM_LOCAL_NODE_ENV", "");
        return Map.of("TRM_LOCAL_NODE_ENV", (nodeEnv + " LD_PRELOAD=" + fakeTimeLibrary + " FAKETIME=" + offset
                + " FAKETIME_DONT_FAKE_MONOTONIC=1 FAKETIME_FORCE_MONOTONIC_FIX=0").trim());
    }

    private void restartNode(String cc, Map<String, String> environment) {
        probe.down(cc, true);
        federation.stop(cc.toLowerCase() + "-node");
        federation.up(false, environment);
        probe.down(cc, false);
    }

    private Phase begin(String name, String description) {
        Phase phase = new Phase(name, description, Instant.now());
        if (!phases.isEmpty()) {
            phases.get(phases.size() - 1).end = phase.start;
        }
        phases.add(phase);
        log("fault " + name + ": " + description);
        return phase;
    }

    /** The fault is over: waits until every message sent so far is settled at its sender, then a short pause. */
    private void end(Phase phase) throws InterruptedException {
        phase.faultEnd = Instant.now();
        long deadline = System.nanoTime() + plan.recoveryLimit().toNanos();
        while (System.nanoTime() < deadline) {
            if (backlog(phase.faultEnd) == 0) {
                phase.recovered = Instant.now();
                break;
            }
            Thread.sleep(250);
        }
        Double recovery = phase.recoverySeconds();
        log("  " + (recovery == null ? "backlog not empty within " + plan.recoveryLimit().toSeconds() + " s"
                : String.format("backlog empty %.1f s after the fault ended", recovery))
                + (phase.note.isEmpty() ? "" : "; " + phase.note) + "; " + ledger.size() + " messages sent so far");
        Thread.sleep(2000);
    }

    /** How many of the messages sent until {@code until} are not yet settled at their senders; -1 if the databases do not answer. */
    private int backlog(Instant until) {
        Map<String, List<UUID>> open = ledger.until(until).stream().filter(s -> !settled.contains(s.messageId()))
                .collect(Collectors.groupingBy(Ledger.Sent::from, Collectors.mapping(Ledger.Sent::messageId, Collectors.toList())));
        int remaining = 0;
        for (Map.Entry<String, List<UUID>> e : open.entrySet()) {
            try {
                Set<UUID> done = databases.settled(e.getKey(), e.getValue());
                settled.addAll(done);
                remaining += e.getValue().size() - done.size();
            } catch (SQLException ex) {
                return -1;
            }
        }
        return remaining;
    }

    private void settle() throws InterruptedException {
        long deadline = System.nanoTime() + plan.settleLimit().toNanos();
        while (System.nanoTime() < deadline) {
            if (backlog(Instant.now()) == 0 && gatewaysIdle()) {
                return;
            }
            Thread.sleep(500);
        }
        log("  not everything settled within " + plan.settleLimit().toSeconds() + " s: see stuck");
    }

    private boolean gatewaysIdle() {
        try {
            for (String cc : COUNTRIES) {
                if (databases.states(databases.gatewayDatabase(cc), "message").getOrDefault("ACCEPTED", 0) > 0) {
                    return false;
                }
            }
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private interface Count {
        int get() throws SQLException;
    }

    /** Polls {@code count} for up to 10 s until it is positive; answers the last value. */
    private static int waitFor(Count count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int value = 0;
        while (System.nanoTime() < deadline) {
            try {
                value = count.get();
            } catch (SQLException e) {
                value = 0;
            }
            if (value > 0) {
                return value;
            }
            Thread.sleep(20);
        }
        return value;
    }

    private String bash(String script) {
        try {
            Process p = new ProcessBuilder("bash", "-c", "set -euo pipefail; " + script).directory(root.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("failed: " + script);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run bash", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    static void log(String line) {
        System.out.println("[" + Instant.now().toString().substring(11, 19) + "] " + line);
    }
}
