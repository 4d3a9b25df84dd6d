package org.trm.faults;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.trm.model.json.Json;

/**
 * What became of every message, from the databases once the stream has stopped and settled: each
 * message the nodes took (the stream's 202s, and any outgoing row a node holds that the stream did
 * not see answered) is delivered once and receipted with the hash the recipient stored, with every
 * gateway's copy and receipt in a final state; or it is lost (not at the recipient, not failed),
 * stuck (in a state that is not final), or failed (FAILED at its sender, a dead letter, a receipt
 * naming another hash). The suite means no failure: every fault is one the federation must absorb.
 */
final class Verdict {
    /** Final states at a gateway: a message ends receipted, a receipt forwarded (outbound) or delivered (inbound). */
    private static final Set<String> GATEWAY_FINAL = Set.of("RECEIPTED");
    private static final Set<String> RECEIPT_FINAL = Set.of("FORWARDED", "DELIVERED");

    /** One row of the table. */
    static final class Row {
        final Phase phase;
        int sent;
        int delivered;
        int duplicates;
        int lost;
        int stuck;
        int failed;
        ApiProbe.Rate api;
        final Map<String, ApiProbe.Rate> apiByCountry = new LinkedHashMap<>();

        Row(Phase phase) {
            this.phase = phase;
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Map<String, Integer>> states = new LinkedHashMap<>();
    private int unrecorded;
    Map<String, Long> misses = Map.of();

    static Verdict count(List<Phase> phases, Ledger ledger, Databases databases, List<String> countries, ApiProbe probe,
            Map<String, String> nodeTakenDown) throws SQLException {
        Verdict v = new Verdict();
        for (Phase p : phases) {
            Row row = new Row(p);
            Instant to = p.faultEnd != null ? p.faultEnd : p.end;
            row.api = probe.rate(p.start, to, null);
            for (String cc : countries) {
                row.apiByCountry.put(cc, probe.rate(p.start, to, cc));
            }
            v.rows.add(row);
        }
        Map<String, Map<UUID, Databases.NodeRow>> outbound = new HashMap<>();
        Map<String, Map<UUID, Integer>> inboundCount = new HashMap<>();
        Map<String, Map<UUID, Databases.NodeRow>> inbound = new HashMap<>();
        Map<UUID, List<Databases.GatewayRow>> gateway = new HashMap<>();
        for (String cc : countries) {
            Map<UUID, Databases.NodeRow> out = new HashMap<>();
            Map<UUID, Databases.NodeRow> in = new HashMap<>();
            Map<UUID, Integer> inCount = new HashMap<>();
            for (Databases.NodeRow r : databases.nodeMessages(cc)) {
                if ("OUTBOUND".equals(r.direction())) {
                    out.put(r.messageId(), r);
                } else {
                    in.put(r.messageId(), r);
                    inCount.merge(r.messageId(), 1, Integer::sum);
                }
            }
            outbound.put(cc, out);
            inbound.put(cc, in);
            inboundCount.put(cc, inCount);
            for (Databases.GatewayRow g : databases.gatewayMessages(cc)) {
                UUID about = "RECEIPT".equals(g.type()) && g.inReplyTo() != null ? g.inReplyTo() : g.messageId();
                gateway.computeIfAbsent(about, k -> new ArrayList<>()).add(g);
            }
            v.states.put(databases.nodeDatabase(cc), databases.states(databases.nodeDatabase(cc), "transnational_message"));
            v.states.put(databases.gatewayDatabase(cc), databases.states(databases.gatewayDatabase(cc), "message"));
        }
        Map<UUID, Ledger.Sent> promised = new HashMap<>();
        for (Ledger.Sent s : ledger.all()) {
            promised.put(s.messageId(), s);
        }
        // Outgoing rows the stream never saw answered (a 202 lost with a fault) count like the others,
        // in the phase the stream was in when they were counted: the end.
        for (String cc : countries) {
            for (Databases.NodeRow r : outbound.get(cc).values()) {
                if (!promised.containsKey(r.messageId())) {
                    v.unrecorded++;
                    promised.put(r.messageId(), new Ledger.Sent(r.messageId(), null, r.type(), cc, partner(r, inbound, countries), null));
                }
            }
        }
        for (Ledger.Sent s : promised.values()) {
            Row row = v.rowOf(s.at());
            row.sent++;
            Databases.NodeRow out = outbound.get(s.from()).get(s.messageId());
            Databases.NodeRow in = s.to() == null ? null : inbound.get(s.to()).get(s.messageId());
            int copies = s.to() == null ? 0 : inboundCount.get(s.to()).getOrDefault(s.messageId(), 0);
            List<Databases.GatewayRow> hops = gateway.getOrDefault(s.messageId(), List.of());
            if (copies > 0) {
                row.delivered++;
                row.duplicates += copies - 1;
            }
            boolean dead = hops.stream().anyMatch(g -> "DEAD".equals(g.state()));
            boolean hopsFinal = hops.stream().allMatch(g -> "RECEIPT".equals(g.type())
                    ? RECEIPT_FINAL.contains(g.state()) : GATEWAY_FINAL.contains(g.state()) || "DEAD".equals(g.state()));
            String what;
            if (out == null) {
                row.lost++;
                what = "lost: the sender answered 202 but holds no such message";
            } else if ("FAILED".equals(out.state()) || dead) {
                row.failed++;
                what = "failed: " + out.state() + " at the sender (" + out.lastError() + ")" + (dead ? ", a dead letter" : "")
                        + (copies > 0 ? ", though delivered" : "");
            } else if (copies == 0) {
                if ("RECEIPTED".equals(out.state())) {
                    row.lost++;
                    what = "lost: receipted, but not at the recipient";
                } else {
                    row.stuck++;
                    what = "stuck: " + out.state() + " at the sender, not at the recipient";
                }
            } else if (!"RECEIPTED".equals(out.state()) || !hopsFinal) {
                row.stuck++;
                what = "stuck: " + out.state() + " at the sender, at the gateways " + hops.stream()
                        .map(g -> g.type() + " " + g.direction() + " " + g.state()).toList();
            } else if (in != null && !in.sha256().equals(out.receiptSha256())) {
                row.failed++;
                what = "failed: the receipt names another hash than the recipient holds";
            } else {
                continue;
            }
            if (v.problems.size() < 50) {
                v.problems.add(s.messageId() + " " + s.type() + " " + s.from() + "->" + s.to() + " (" + row.phase.name + "): " + what);
            }
        }
        return v;
    }

    /** The partner of an outgoing row the stream did not record: the country that holds it inbound. */
    private static String partner(Databases.NodeRow r, Map<String, Map<UUID, Databases.NodeRow>> inbound, List<String> countries) {
        for (String cc : countries) {
            if (inbound.get(cc).containsKey(r.messageId())) {
                return cc;
            }
        }
        return null;
    }

    private Row rowOf(Instant at) {
        if (at != null) {
            for (Row r : rows) {
                if (r.phase.contains(at)) {
                    return r;
                }
            }
        }
        return rows.get(rows.size() - 1);
    }

    boolean passed() {
        return rows.stream().allMatch(r -> r.lost == 0 && r.duplicates == 0 && r.stuck == 0 && r.failed == 0);
    }

    void print(PrintStream out) {
        String format = "%-18s | %6s | %9s | %10s | %4s | %5s | %6s | %10s | %s%n";
        out.println();
        out.printf(format, "fault", "sent", "delivered", "duplicates", "lost", "stuck", "failed", "recovery s",
                "node API errors during the fault (non-referral requests)");
        out.println("-".repeat(150));
        int[] total = new int[6];
        for (Row r : rows) {
            Double recovery = r.phase.recoverySeconds();
            out.printf(format, r.phase.name, r.sent, r.delivered, r.duplicates, r.lost, r.stuck, r.failed,
                    recovery == null ? "> limit" : String.format("%.1f", recovery), api(r));
            int[] add = {r.sent, r.delivered, r.duplicates, r.lost, r.stuck, r.failed};
            for (int i = 0; i < add.length; i++) {
                total[i] += add[i];
            }
        }
        out.println("-".repeat(150));
        out.printf(format, "total", total[0], total[1], total[2], total[3], total[4], total[5], "", "");
        out.println();
        for (Row r : rows) {
            out.println("  " + r.phase.name + ": " + r.phase.description + (r.phase.note.isEmpty() ? "" : " (" + r.phase.note + ")"));
        }
        out.println("  the stream's requests not answered with success (not messages): " + misses
                + (unrecorded == 0 ? "" : "; " + unrecorded + " outgoing messages the stream did not see answered, counted in the last phase"));
        if (!problems.isEmpty()) {
            out.println("Problems (first " + problems.size() + "):");
            problems.forEach(p -> out.println("  " + p));
        }
        out.println(passed() ? "PASSED: every message delivered exactly once, every receipt back, nothing stuck, no failure"
                : "FAILED: see the table and the problems above");
    }

    private static String api(Row r) {
        StringBuilder b = new StringBuilder(String.format("%d/%d (%.1f%%)", r.api.errors(), r.api.requests(), r.api.percent()));
        b.append(" ");
        r.apiByCountry.forEach((cc, rate) -> b.append(" ").append(cc).append(" ").append(rate.errors()).append("/").append(rate.requests()));
        return b.toString();
    }

    void write(Path file, Map<String, Object> run) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>(run);
        List<Map<String, Object>> faults = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("fault", r.phase.name);
            f.put("description", r.phase.description);
            f.put("note", r.phase.note);
            f.put("start", r.phase.start.toString());
            f.put("faultEnd", String.valueOf(r.phase.faultEnd));
            f.put("sent", r.sent);
            f.put("delivered", r.delivered);
            f.put("duplicates", r.duplicates);
            f.put("lost", r.lost);
            f.put("stuck", r.stuck);
            f.put("failed", r.failed);
            f.put("recoverySeconds", r.phase.recoverySeconds());
            Map<String, Object> api = new LinkedHashMap<>();
            api.put("requests", r.api.requests());
            api.put("errors", r.api.errors());
            r.apiByCountry.forEach((cc, rate) -> api.put(cc, Map.of("requests", rate.requests(), "errors", rate.errors())));
            f.put("nodeApiDuringFault", api);
            faults.add(f);
        }
        json.put("faults", faults);
        json.put("passed", passed());
        json.put("streamMisses", misses);
        json.put("unrecordedOutgoing", unrecorded);
        json.put("problems", problems);
        json.put("finalStates", states);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    }
}
