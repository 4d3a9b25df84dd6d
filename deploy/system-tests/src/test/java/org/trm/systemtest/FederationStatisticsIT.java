package org.trm.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trm.testkit.Eventually.await;

import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.trm.model.crypto.BodyCipher;
import org.trm.model.crypto.Jwks;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.json.Json;
import org.trm.model.payload.StatsPartialPayload;
import org.trm.testkit.pki.Pki;
import org.trm.testkit.process.LocalFederation;

/**
 * Federation statistics by secure aggregation on a local federation of four countries with an
 * agreement between every two (docs/PROTOCOL.md section 17). HU's node is down: AT's round fails
 * naming HU, and the rerun without HU completes with sums equal to what the three nodes' databases
 * hold, while no partial sum AT received, and no released cell, is a count below the threshold; the
 * federation cell of 3 (one non-EU victim in each country) is suppressed, and the round with HU back,
 * which subtracted from the first would give HU's counts, is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FederationStatisticsIT {
    private static final Duration ROUND = Duration.ofSeconds(90);
    private static final int THRESHOLD = 5;
    private static final String ROUNDS = "/api/v1/statistics/federation-rounds";

    private LocalFederation federation;
    private final Map<String, Coordinator> coordinators = new HashMap<>();

    @BeforeAll
    void startFederation() {
        Map<String, String> settings = new HashMap<>(LocalFederation.testSettings());
        settings.put("TRM_LOCAL_AGREEMENTS", "all");
        // A down node is named after 20 s rather than the default minute.
        settings.merge("TRM_LOCAL_NODE_ENV", "NRM_STATISTICS_ROUND_TIMEOUT=20s", (a, b) -> a + " " + b);
        // A run directory of its own: the PKI and directory outlive a stop, and this one (four countries,
        // every pair agreed) must not become the one the other system tests find.
        federation = new LocalFederation(List.of("AT", "BG", "RO", "HU"), Path.of("target/federation-statistics-it"), settings);
        federation.up(true);
        for (String c : List.of("AT", "BG", "RO", "HU")) {
            coordinators.put(c, new Coordinator(c, federation.nodeUrl(c), federation.realmUrl(c)));
        }
    }

    @AfterAll
    void stopFederation() {
        if (federation != null) {
            federation.stop();
        }
    }

    @Test
    void shouldSumExactlyWithoutRevealingSmallCellsAndFailClearlyWhenANodeIsDown() throws Exception {
        // Per country: six of a neighbour's citizens (a cell of 6 each), one non-EU victim (1 + 1 + 1 = 3).
        Map<String, String> neighbour = Map.of("AT", "BG", "BG", "RO", "RO", "AT", "HU", "AT");
        for (String c : List.of("AT", "BG", "RO", "HU")) {
            for (int i = 0; i < 6; i++) {
                coordinators.get(c).createCase(neighbour.get(c));
            }
            coordinators.get(c).createCase("MD");
        }
        Coordinator at = coordinators.get("AT");

        federation.stop("hu-node");
        String failed = started(at, Map.of());
        JsonPath down = finished(at, failed);
        assertEquals("FAILED", down.getString("state"));
        assertEquals("STATISTICS_ROUND_INCOMPLETE", down.getString("problem.type"));
        assertEquals(List.of("HU"), down.getList("problem.countries"), "the round names the country that did not answer");
        assertNull(down.get("tables"));

        String rerun = started(at, Map.of("exclude", List.of("HU")));
        JsonPath done = finished(at, rerun);
        assertEquals("COMPLETE", done.getString("state"), () -> done.prettify());
        assertEquals(List.of("AT", "BG", "RO"), done.getList("participants"));

        // Exact: every released cell of these tables is the sum of the three databases' counts.
        Map<String, Long> expected = new HashMap<>();
        for (String c : List.of("AT", "BG", "RO")) {
            for (Map.Entry<String, Long> e : exactCounts(c).entrySet()) {
                expected.merge(e.getKey(), e.getValue(), Long::sum);
            }
        }
        assertEquals(expected.get("total"), done.getLong("tables.total.count"), "the total");
        Map<String, Long> released = new HashMap<>();
        for (Map<String, Object> table : done.<Map<String, Object>>getList("tables.tables")) {
            List<String> dims = (List<String>) table.get("dimensions");
            for (Map<String, Object> cell : (List<Map<String, Object>>) table.get("cells")) {
                Number count = (Number) cell.get("count");
                if (count != null) {
                    assertTrue(count.longValue() >= THRESHOLD, "a released cell below the threshold: " + cell);
                }
                if (dims.size() == 1) {
                    released.put(dims.get(0) + "=" + ((List<?>) cell.get("values")).get(0), count == null ? null : count.longValue());
                }
            }
        }
        // The cell of 3 needs a complement in its row: one of the three cells of 6 may be suppressed too.
        int shown = 0;
        for (String key : List.of("citizenship=AT", "citizenship=BG", "citizenship=RO", "identification=PRESUMED")) {
            assertTrue(released.containsKey(key), key + " is a cell of the answer");
            if (released.get(key) != null) {
                assertEquals(expected.get(key), released.get(key), key + ": the federation's sum of the nodes' counts");
                shown++;
            }
        }
        assertTrue(shown >= 3, "the complement hides one cell, not more: " + released);
        assertEquals(3L, expected.get("citizenship=NON_EU"), "the scenario's cell of 3");
        assertTrue(released.containsKey("citizenship=NON_EU") && released.get("citizenship=NON_EU") == null,
                "the federation's cell of 3 is suppressed");

        // Nothing of the arithmetic stays, and no partial sum AT received is a small count.
        assertEquals("", column("AT", "SELECT coalesce(partials, '') || coalesce(own_counts, '') FROM statistics_round"
                + " WHERE id = '" + rerun + "'").trim());
        for (String c : List.of("BG", "RO")) {
            assertEquals("", column(c, "SELECT string_agg(coalesce(partials, '') || coalesce(own_counts, ''), '')"
                    + " FROM statistics_round").trim(), c + " keeps nothing of a round's arithmetic");
            assertEquals("0", column(c, "SELECT count(*) FROM transnational_message WHERE type = 'STATS_PARTIAL'"
                    + " AND summary LIKE '%\"partial\"%'").trim(), c + "'s thread keeps no vector");
        }
        Pki pki = Pki.at(Path.of(federation.status().getString("pkiDir")));
        List<String> partials = rows("AT", "SELECT jws FROM transnational_message WHERE type = 'STATS_PARTIAL'"
                + " AND direction = 'INBOUND'");
        assertEquals(4, partials.size(), "BG's and RO's partial sums of both rounds: the failed round's, masked by what"
                + " they share with HU, reached AT too");
        for (String jws : partials) {
            String body = EnvelopeVerifier.peek(jws).body();
            long[] vector = Json.read(BodyCipher.decrypt(body, List.of(Jwks.load(pki.encryptionKeyFile("AT")))),
                    StatsPartialPayload.class).vector();
            long small = java.util.Arrays.stream(vector).filter(v -> v > 0 && v < THRESHOLD).count();
            assertEquals(0, small, "a partial sum shows counts below the threshold");
        }

        // HU back: the full round less the rerun would be HU's counts. Refused.
        federation.up(false);
        at.api().body(Map.of()).post(ROUNDS).then().statusCode(409).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("urn:trm:problem:statistics-round-overlaps"));
    }

    private static String started(Coordinator c, Map<String, Object> body) {
        return c.api().body(body).post(ROUNDS).then().statusCode(202).extract().path("id");
    }

    private static JsonPath finished(Coordinator c, String id) {
        JsonPath[] last = new JsonPath[1];
        await(ROUND).untilAsserted(() -> {
            last[0] = c.api().get(ROUNDS + "/" + id).then().statusCode(200).extract().jsonPath();
            assertFalse("RUNNING".equals(last[0].getString("state")), "the round still runs");
        });
        assertNotNull(last[0]);
        return last[0];
    }

    /** The node's registered victims as the layout counts them, straight from its database. */
    private Map<String, Long> exactCounts(String country) throws Exception {
        String victims = " FROM case_file WHERE anonymous OR identification_status <> 'NOT_CONFIRMED'";
        Map<String, Long> counts = new HashMap<>();
        counts.put("total", Long.parseLong(column(country, "SELECT count(*)" + victims).trim()));
        for (String row : rows(country, "SELECT c || '=' || n FROM (SELECT coalesce(citizenship, 'Unknown') AS c, count(*) AS n"
                + victims + " GROUP BY 1) AS cells")) {
            String[] kv = row.split("=");
            String cc = kv[0];
            String key = List.of("AT", "BG", "RO").contains(cc) ? cc : "MD".equals(cc) ? "NON_EU" : "other";
            counts.merge("citizenship=" + key, Long.parseLong(kv[1]), Long::sum);
        }
        counts.put("identification=PRESUMED", Long.parseLong(column(country,
                "SELECT count(*)" + victims + " AND NOT anonymous AND identification_status = 'PRESUMED'").trim()));
        return counts;
    }

    private List<String> rows(String country, String query) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database(country), "trm", "trm");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private String column(String country, String query) throws Exception {
        return String.join("\n", rows(country, query));
    }

    private String database(String country) {
        return federation.status().getString("countries." + country + ".nodeDatabase");
    }
}
