package org.trm.nrm.statistics;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trm.nrm.support.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trm.nrm.statistics.table.CellKey;
import org.trm.nrm.support.Api;
import org.trm.nrm.support.TestTokens;

@QuarkusTest
class StatisticalTablesTest {
    private static final String PATH = "/api/v1/statistics/tables";

    @Inject
    StatisticalTablesService service;

    @Test
    void shouldNeverRevealACellOfThreeDirectlyByDifferenceOrFromMarginsWhenCountingVictims() {
        String org = Api.newOrganisation("NGO");
        // Citizenships no other test uses: 3 from KZ, 6 from TJ and one anonymous notification from TJ.
        for (int i = 0; i < 10; i++) {
            Map<String, Object> body = Api.caseBody();
            body.put("citizenship", i < 3 ? "KZ" : "TJ");
            if (i == 9) {
                body.put("anonymous", true);
            }
            as(TestTokens.caseWorker(org)).body(body).post("/api/v1/cases").then().statusCode(201);
        }
        Map<String, Map<CellKey, Long>> exact = service.exactCounts();
        Map<CellKey, Long> victims = exact.get(StatisticalTablesService.VICTIMS);
        assertEquals(3L, victims.get(new CellKey(List.of("citizenship"), List.of("KZ"))));
        assertEquals(1L, victims.get(new CellKey(List.of("identification", "citizenship"), List.of("DECLINED", "TJ"))),
                "an anonymous notification counts as a victim who declined formal identification");

        Map<String, Object> answer = as(TestTokens.auditor()).get(PATH).then().statusCode(200)
                .contentType("application/json").body("country", equalTo("AT")).body("minimumCellSize", equalTo(5))
                .extract().path("");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> populations = (Map<String, Map<String, Object>>) answer.get("populations");
        assertEquals(List.of("registeredVictims", "referrals", "returnRequests"), new ArrayList<>(populations.keySet()));

        Map<CellKey, Long> released = new HashMap<>();
        Map<CellKey, Boolean> listed = new HashMap<>();
        read(populations.get("registeredVictims"), released, listed);
        assertTrue(listed.containsKey(new CellKey(List.of("citizenship"), List.of("KZ"))), "the cell is listed");
        assertFalse(released.containsKey(new CellKey(List.of("citizenship"), List.of("KZ"))), "but without its count");
        // TJ (9) may be hidden too, as the complement that keeps KZ from being the total minus the rest.
        assertTrue(listed.containsKey(new CellKey(List.of("citizenship"), List.of("TJ"))));
        for (String population : populations.keySet()) {
            Map<CellKey, Long> figures = new HashMap<>();
            read(populations.get(population), figures, new HashMap<>());
            figures.forEach((key, count) -> {
                assertTrue(count == 0 || count >= 5, population + ": a count below the threshold was released: " + key);
                assertEquals(exact.get(population).getOrDefault(key, 0L), count, population + ": a released count is exact: " + key);
            });
        }

        // From the margins: an attacker subtracts every row and column from its margin, and every
        // single table from the total, until nothing more follows (forms of exploitation are
        // left out, a case may have several: their cells add up to more than the margin).
        Map<CellKey, Long> known = new HashMap<>(released);
        boolean derived = true;
        while (derived) {
            derived = false;
            for (CellKey parent : listed.keySet().stream().filter(k -> k.dimensions().size() <= 1).toList()) {
                for (String other : dimensionsCrossedWith(listed, parent)) {
                    List<CellKey> children = listed.keySet().stream().filter(k -> childOf(k, parent, other)).toList();
                    List<CellKey> unknown = new ArrayList<>(children.stream().filter(k -> !known.containsKey(k)).toList());
                    if (!known.containsKey(parent)) {
                        unknown.add(parent);
                    }
                    if (unknown.size() == 1) {
                        long sum = children.stream().filter(known::containsKey).mapToLong(known::get).sum();
                        CellKey k = unknown.get(0);
                        known.put(k, k.equals(parent) ? sum : known.get(parent) - sum);
                        derived = true;
                    }
                }
            }
        }
        victims.forEach((key, count) -> assertTrue(count >= 5 || !known.containsKey(key),
                "a cell of " + count + " follows from the margins: " + key));

        // By difference: there is nothing to filter by, so there are no two overlapping answers.
        for (String filter : List.of("year", "citizenship", "sex")) {
            as(TestTokens.auditor()).queryParam(filter, "KZ").get(PATH).then().statusCode(400)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void shouldRefuseWhenNotAnAuditorOrCoordinator() {
        RestAssured.given().get(PATH).then().statusCode(401);
        as(TestTokens.ngo(Api.newOrganisation("NGO"))).get(PATH).then().statusCode(403)
                .contentType("application/problem+json");
        as(TestTokens.coordinator()).get(PATH).then().statusCode(200);
    }

    private static List<String> dimensionsCrossedWith(Map<CellKey, Boolean> listed, CellKey parent) {
        return listed.keySet().stream().filter(k -> k.dimensions().size() == parent.dimensions().size() + 1
                        && k.dimensions().containsAll(parent.dimensions()))
                .flatMap(k -> k.dimensions().stream().filter(d -> !parent.dimensions().contains(d)))
                .filter(d -> !d.equals("formOfExploitation")).distinct().toList();
    }

    private static boolean childOf(CellKey k, CellKey parent, String other) {
        if (k.dimensions().size() != parent.dimensions().size() + 1 || !k.dimensions().contains(other)
                || !k.dimensions().containsAll(parent.dimensions())) {
            return false;
        }
        for (int i = 0; i < parent.dimensions().size(); i++) {
            if (!k.values().get(k.dimensions().indexOf(parent.dimensions().get(i))).equals(parent.values().get(i))) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static void read(Map<String, Object> population, Map<CellKey, Long> released, Map<CellKey, Boolean> listed) {
        Map<String, Object> total = (Map<String, Object>) population.get("total");
        put(CellKey.TOTAL, total, released, listed);
        for (Map<String, Object> table : (List<Map<String, Object>>) population.get("tables")) {
            List<String> dimensions = (List<String>) table.get("dimensions");
            for (Map<String, Object> cell : (List<Map<String, Object>>) table.get("cells")) {
                put(new CellKey(dimensions, (List<String>) cell.get("values")), cell, released, listed);
            }
        }
    }

    private static void put(CellKey key, Map<String, Object> cell, Map<CellKey, Long> released, Map<CellKey, Boolean> listed) {
        listed.put(key, true);
        if (!Boolean.TRUE.equals(cell.get("suppressed"))) {
            released.put(key, ((Number) cell.get("count")).longValue());
        }
    }
}
