package org.trm.bench.statistics;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.trm.bench.Results;
import org.trm.model.json.Json;
import org.trm.bench.NodeCall;
import org.trm.testkit.token.RealmLogin;

/**
 * A federation statistics round over every country of a running local federation (not a test):
 * registers {@code --cases} victims in each country, then times {@code --rounds} rounds asked by
 * the first country, from the POST to the round read COMPLETE, and prints and writes the figures.
 * The target, under 5 s for ten countries, is printed beside them, never asserted.
 *
 *   StatisticsBench --status STATUS_JSON --out DIR [--cases 20] [--rounds 3]
 */
public final class StatisticsBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Map<String, String> nodes = new HashMap<>();
    private static final Map<String, RealmLogin> logins = new HashMap<>();

    private StatisticsBench() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    static void run(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>(Map.of("cases", "20", "rounds", "3"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        JsonNode status = Json.MAPPER.readTree(Files.readString(Path.of(opt.get("status"))));
        List<String> countries = new ArrayList<>();
        status.path("countries").fieldNames().forEachRemaining(countries::add);
        for (String cc : countries) {
            nodes.put(cc, status.path("countries").path(cc).path("nodeUrl").asText());
            logins.put(cc, RealmLogin.coordinator(status.path("countries").path(cc).path("realmUrl").asText()));
        }
        int cases = Integer.parseInt(opt.get("cases"));
        for (String cc : countries) {
            for (int i = 0; i < cases; i++) {
                String citizenship = countries.get((countries.indexOf(cc) + 1 + i % 3) % countries.size());
                send(cc, "POST", "/api/v1/cases", Json.write(Map.of("identificationStatus", i % 4 == 0 ? "IDENTIFIED" : "PRESUMED",
                        "formsOfExploitation", List.of(i % 2 == 0 ? "Labour" : "Sexual"), "citizenship", citizenship,
                        "countryOfExploitation", cc, "sex", i % 3 == 0 ? "Male" : "Female", "ageAtIdentification", 16 + i)), 201);
            }
        }
        String requester = countries.get(0);
        List<Double> seconds = new ArrayList<>();
        int cells = 0;
        for (int r = 0; r < Integer.parseInt(opt.get("rounds")); r++) {
            long t0 = System.nanoTime();
            String id = Json.MAPPER.readTree(send(requester, "POST", "/api/v1/statistics/federation-rounds", "{}", 202))
                    .path("id").asText();
            JsonNode round;
            while (true) {
                round = Json.MAPPER.readTree(send(requester, "GET", "/api/v1/statistics/federation-rounds/" + id, null, 200));
                if (!"RUNNING".equals(round.path("state").asText())) {
                    break;
                }
                Thread.sleep(20);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (!"COMPLETE".equals(round.path("state").asText())) {
                throw new IllegalStateException("round " + id + " " + round.path("state").asText() + ": " + round.path("problem"));
            }
            int tableCells = 0;
            for (JsonNode t : round.path("tables").path("tables")) {
                tableCells += t.path("cells").size();
            }
            cells = tableCells;
            seconds.add(Math.round(s * 1000) / 1000.0);
            System.out.printf("round %d over %d countries: %.3f s (%d non-empty cells released or suppressed)%n", r + 1,
                    countries.size(), s, tableCells);
        }
        List<Double> sorted = new ArrayList<>(seconds);
        sorted.sort(Double::compare);
        double median = sorted.get(sorted.size() / 2);
        System.out.printf("federation statistics round over %d countries: median %.3f s, max %.3f s (target: under 5 s)%n",
                countries.size(), median, sorted.get(sorted.size() - 1));
        Results results = new Results("statistics").setting("countries", countries).setting("casesPerCountry", cases)
                .setting("rounds", seconds.size()).figure("medianRoundSeconds", median)
                .figure("maxRoundSeconds", sorted.get(sorted.size() - 1)).figure("roundSeconds", seconds)
                .figure("nonEmptyCells", cells);
        System.out.println("wrote " + results.write(Path.of(opt.getOrDefault("out", "deploy/bench/statistics/out"))));
    }

    static String send(String cc, String method, String path, String body, int expected) throws Exception {
        return NodeCall.send(HTTP, nodes.get(cc), logins.get(cc), method, path, body, expected);
    }
}
