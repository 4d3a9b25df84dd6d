package org.trm.nrm.statistics.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuppressionTest {
    private static final TableSet SHAPE = new TableSet(List.of(Dimension.of("sex"), Dimension.of("citizenship"),
            Dimension.coarsening("citizenshipClass", "citizenship", Map.of("AT", "NATIONAL", "KZ", "NON_EU", "MD", "NON_EU")),
            Dimension.multiValued("form")));

    @Test
    void shouldNeverRevealACellOfThreeWhenMarginsAndCoarseningsAreReleased() {
        List<Map<String, List<String>>> units = new ArrayList<>();
        add(units, 3, "Female", "KZ", "NON_EU", List.of("Labour"));
        add(units, 10, "Female", "AT", "NATIONAL", List.of("Sexual"));
        add(units, 9, "Male", "AT", "NATIONAL", List.of("Labour", "Sexual"));
        add(units, 6, "Male", "MD", "NON_EU", List.of("Labour"));
        Map<CellKey, Long> counts = SHAPE.count(units);
        ReleasedTables released = ReleasedTables.release(SHAPE, counts, 5);

        assertNull(value(released, List.of("citizenship"), List.of("KZ")), "the cell itself");
        assertNull(value(released, List.of("sex", "citizenship"), List.of("Female", "KZ")), "its cross-tabulation");
        // An attacker who knows every relation between the tables subtracts until nothing changes.
        Map<CellKey, Long> known = new HashMap<>();
        released.tables().forEach(t -> t.cells().stream().filter(c -> !c.suppressed())
                .forEach(c -> known.put(new CellKey(t.dimensions(), c.values()), c.count())));
        if (!released.total().suppressed()) {
            known.put(CellKey.TOTAL, released.total().count());
        }
        Map<String, Set<String>> domains = SHAPE.domains(counts);
        List<Group> relations = SHAPE.groups(domains).stream()
                .filter(g -> g.children().stream().noneMatch(k -> k.dimensions().contains("form"))).toList();
        boolean derived = true;
        while (derived) {
            derived = false;
            for (Group g : relations) {
                List<CellKey> unknown = g.members().stream().filter(k -> !known.containsKey(k) && counts.containsKey(k)).toList();
                if (unknown.size() == 1) {
                    CellKey k = unknown.get(0);
                    long others = g.children().stream().filter(c -> !c.equals(k)).mapToLong(c -> known.getOrDefault(c, 0L)).sum();
                    known.put(k, k.equals(g.parent()) ? others : known.get(g.parent()) - others);
                    derived = true;
                }
            }
        }
        counts.forEach((key, count) -> {
            if (count < 5) {
                assertTrue(!known.containsKey(key), "a cell of " + count + " was derived from margins: " + key);
            }
        });
        assertTrue(LinearDisclosureAudit.determined(SHAPE.groups(domains),
                Suppression.suppressed(SHAPE, counts, 5)).isEmpty(), "no chain of relations yields a suppressed cell");
    }

    @Test
    void shouldFindACellDeterminedThroughAChainOfRelations() {
        CellKey t = new CellKey(List.of("d"), List.of("t"));
        CellKey a = new CellKey(List.of("d", "e"), List.of("t", "a"));
        CellKey b = new CellKey(List.of("d", "e"), List.of("t", "b"));
        // a + b is known (t is released) and a = b by another relation: both are known exactly.
        List<Group> groups = List.of(new Group(t, List.of(a, b)), new Group(a, List.of(b)));
        assertEquals(Set.of(a, b), LinearDisclosureAudit.determined(groups, Set.of(a, b)));
        assertTrue(LinearDisclosureAudit.determined(List.of(new Group(t, List.of(a, b))), Set.of(a, b)).isEmpty());
    }

    @Test
    void shouldHideTwoSmallCellsWhoseSumWouldGiveThemAway() {
        List<Map<String, List<String>>> units = new ArrayList<>();
        add(units, 1, "Female", "KZ", "NON_EU", List.of("Labour"));
        add(units, 1, "Male", "KZ", "NON_EU", List.of("Labour"));
        add(units, 7, "Female", "AT", "NATIONAL", List.of("Labour"));
        add(units, 8, "Male", "AT", "NATIONAL", List.of("Labour"));
        Map<CellKey, Long> counts = SHAPE.count(units);
        Set<CellKey> suppressed = Suppression.suppressed(SHAPE, counts, 5);
        // Female = 8 is released would give Female/KZ = 8 - 7 = 1: the sum rule hides more.
        long hiddenInRow = counts.keySet().stream().filter(k -> k.dimensions().equals(List.of("sex", "citizenship"))
                && k.values().get(0).equals("Female") && suppressed.contains(k)).mapToLong(counts::get).sum();
        assertTrue(hiddenInRow >= 5 || suppressed.contains(new CellKey(List.of("sex"), List.of("Female"))));
    }

    private static void add(List<Map<String, List<String>>> units, int n, String sex, String citizenship, String cls,
            List<String> forms) {
        for (int i = 0; i < n; i++) {
            units.add(Map.of("sex", List.of(sex), "citizenship", List.of(citizenship), "citizenshipClass", List.of(cls),
                    "form", forms));
        }
    }

    private static Long value(ReleasedTables released, List<String> dimensions, List<String> values) {
        return released.tables().stream().filter(t -> t.dimensions().equals(dimensions)).flatMap(t -> t.cells().stream())
                .filter(c -> c.values().equals(values)).findFirst().orElseThrow().count();
    }
}
