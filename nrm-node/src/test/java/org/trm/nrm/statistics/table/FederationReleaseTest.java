package org.trm.nrm.statistics.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.trm.model.statistics.FederationLayout;
import org.trm.model.statistics.SecureSum;
import org.trm.nrm.statistics.federation.FederationTables;

/** The federation's sums as a requester releases them: exact, and no small cell given away. */
class FederationReleaseTest {
    private static final FederationLayout LAYOUT = new FederationLayout(2026, List.of("AT", "BG", "RO"));

    private static Map<String, List<String>> victim(String citizenship, String sex, String form) {
        Map<String, List<String>> v = new HashMap<>();
        v.put("year", List.of("2026"));
        v.put("identification", List.of("IDENTIFIED"));
        v.put("sex", List.of(sex));
        v.put("ageGroup", List.of("25-34"));
        v.put("citizenship", List.of(citizenship));
        v.put("formOfExploitation", List.of(form));
        v.put("organisationType", List.of("NGO"));
        v.put("phase", List.of("FIRST_ASSISTANCE"));
        v.put("transnational", List.of("true"));
        return v;
    }

    private static List<Map<String, List<String>>> victims(int n, String citizenship, String sex, String form) {
        List<Map<String, List<String>>> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(victim(citizenship, sex, form));
        }
        return list;
    }

    private static ReleasedTables.Cell cell(ReleasedTables released, List<String> dimensions, List<String> values) {
        return released.tables().stream().filter(t -> t.dimensions().equals(dimensions)).flatMap(t -> t.cells().stream())
                .filter(c -> c.values().equals(values)).findFirst().orElse(null);
    }

    @Test
    void shouldReleaseTheSumOfCellsThatAreSmallInEveryCountry() {
        // Three victims of Moldova in each country: suppressed in every country's own tables, nine in the federation's.
        Map<String, long[]> counts = new HashMap<>();
        for (String c : LAYOUT.participants()) {
            List<Map<String, List<String>>> units = new ArrayList<>(victims(3, "MD", "FEMALE", "SEXUAL"));
            units.addAll(victims(20, c, "MALE", "LABOUR"));
            counts.put(c, LAYOUT.count(units));
        }
        ReleasedTables released = FederationTables.release(LAYOUT, SecureSum.total(counts.values(), LAYOUT.size()),
                counts.get("AT"), 5);
        assertEquals(9L, cell(released, List.of("citizenship"), List.of("NON_EU")).count());
        assertEquals(9L, cell(released, List.of("sex", "citizenship"), List.of("FEMALE", "NON_EU")).count());
        assertEquals(69L, released.total().count());
    }

    @Test
    void shouldHideAFederationCellOfThreeFromEveryMarginAndChainOfRelations() {
        // One victim of Ukraine in each country: three in the federation.
        Map<String, long[]> counts = new HashMap<>();
        for (String c : LAYOUT.participants()) {
            List<Map<String, List<String>>> units = new ArrayList<>(victims(3, "MD", "FEMALE", "SEXUAL"));
            units.addAll(victims(1, "UA", "MALE", "LABOUR"));
            units.addAll(victims(6, c, "FEMALE", "LABOUR"));
            units.addAll(victims(5, "BG".equals(c) ? "RO" : "BG", "MALE", "SEXUAL"));
            for (int i = 0; i < units.size(); i++) {
                // Not every dimension constant: the age group, the phase and who registered vary.
                Map<String, List<String>> v = units.get(i);
                v.put("ageGroup", List.of(i % 2 == 0 ? "0-17" : "25-34"));
                v.put("phase", List.of(i % 3 == 0 ? "IDENTIFICATION" : "FIRST_ASSISTANCE"));
                v.put("organisationType", List.of(i % 4 == 0 ? "LAW_ENFORCEMENT" : "NGO"));
            }
            counts.put(c, LAYOUT.count(units));
        }
        long[] sums = SecureSum.total(counts.values(), LAYOUT.size());
        ReleasedTables released = FederationTables.release(LAYOUT, sums, counts.get("AT"), 5);
        ReleasedTables.Cell ukraine = cell(released, List.of("sex", "citizenship"), List.of("MALE", "NON_EU"));
        assertTrue(ukraine.suppressed(), "a federation cell of 3 is suppressed");
        TableSet shape = FederationTables.shape(LAYOUT);
        Map<CellKey, Long> cells = new HashMap<>();
        List<FederationLayout.Cell> layout = LAYOUT.cells();
        for (int i = 0; i < layout.size(); i++) {
            if (sums[i] > 0) {
                cells.put(new CellKey(layout.get(i).dimensions(), layout.get(i).values()), sums[i]);
            }
        }
        // An attacker who knows every additive relation between the tables subtracts until nothing changes.
        Map<CellKey, Long> known = new HashMap<>();
        released.tables().forEach(t -> t.cells().stream().filter(c -> !c.suppressed())
                .forEach(c -> known.put(new CellKey(t.dimensions(), c.values()), c.count())));
        if (!released.total().suppressed()) {
            known.put(CellKey.TOTAL, released.total().count());
        }
        List<Group> relations = shape.groups(shape.domains(cells)).stream()
                .filter(g -> g.children().stream().noneMatch(k -> k.dimensions().contains("formOfExploitation"))).toList();
        boolean derived = true;
        while (derived) {
            derived = false;
            for (Group g : relations) {
                List<CellKey> unknown = g.members().stream().filter(k -> !known.containsKey(k) && cells.containsKey(k)).toList();
                if (unknown.size() == 1) {
                    CellKey k = unknown.get(0);
                    long others = g.children().stream().filter(c -> !c.equals(k)).mapToLong(c -> known.getOrDefault(c, 0L)).sum();
                    known.put(k, k.equals(g.parent()) ? others : known.get(g.parent()) - others);
                    derived = true;
                }
            }
        }
        cells.forEach((key, count) -> {
            if (count < 5) {
                assertTrue(!known.containsKey(key), "a cell of " + count + " was derived from margins: " + key);
            }
        });
    }

    @Test
    void shouldSuppressACellWhoseOtherCountriesPartIsSmallEvenWhenTheSumIsNot() {
        // AT has 10 victims of Hungary, BG 2 and RO 1: the sum of 13 less AT's own 10 is the others' 3.
        Map<String, long[]> counts = new HashMap<>();
        counts.put("AT", LAYOUT.count(victims(10, "HU", "FEMALE", "SEXUAL")));
        counts.put("BG", LAYOUT.count(victims(2, "HU", "FEMALE", "SEXUAL")));
        counts.put("RO", LAYOUT.count(victims(1, "HU", "FEMALE", "SEXUAL")));
        long[] sums = SecureSum.total(counts.values(), LAYOUT.size());
        ReleasedTables asAt = FederationTables.release(LAYOUT, sums, counts.get("AT"), 5);
        assertTrue(cell(asAt, List.of("citizenship"), List.of("OTHER_EU")).suppressed(), "AT would subtract its own 10");
        assertTrue(asAt.total().suppressed());
    }
}
