package org.trm.nrm.statistics.table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fixed shape of a statistics answer: the total, one table per dimension and one cross-tabulation
 * per pair of dimensions (a dimension is not crossed with its own coarsening), with nothing to filter
 * by. Knowing the shape, it counts units into cells exactly and lists the additive relations between
 * the cells that an attacker may use.
 */
public final class TableSet {
    private final List<Dimension> dimensions;
    private final Map<String, Integer> order = new HashMap<>();

    public TableSet(List<Dimension> dimensions) {
        this.dimensions = List.copyOf(dimensions);
        for (int i = 0; i < this.dimensions.size(); i++) {
            order.put(this.dimensions.get(i).name(), i);
        }
    }

    public List<Dimension> dimensions() {
        return dimensions;
    }

    /** The dimensions of every table, in the order they are answered: singles, then pairs. */
    public List<List<String>> tables() {
        List<List<String>> tables = new ArrayList<>();
        dimensions.forEach(d -> tables.add(List.of(d.name())));
        for (int i = 0; i < dimensions.size(); i++) {
            for (int j = i + 1; j < dimensions.size(); j++) {
                if (crossed(dimensions.get(i), dimensions.get(j))) {
                    tables.add(List.of(dimensions.get(i).name(), dimensions.get(j).name()));
                }
            }
        }
        return tables;
    }

    private static boolean crossed(Dimension a, Dimension b) {
        return !a.name().equals(b.coarsens()) && !b.name().equals(a.coarsens());
    }

    /**
     * Exact counts of every non-empty cell. Each unit maps a dimension to its values (one, or
     * several for a multi-valued dimension); a unit counts once in the total.
     */
    public Map<CellKey, Long> count(List<Map<String, List<String>>> units) {
        Map<CellKey, Long> counts = new HashMap<>();
        List<List<String>> tables = tables();
        for (Map<String, List<String>> unit : units) {
            counts.merge(CellKey.TOTAL, 1L, Long::sum);
            for (List<String> table : tables) {
                if (table.size() == 1) {
                    for (String v : new LinkedHashSet<>(unit.get(table.get(0)))) {
                        counts.merge(new CellKey(table, List.of(v)), 1L, Long::sum);
                    }
                } else {
                    for (String a : new LinkedHashSet<>(unit.get(table.get(0)))) {
                        for (String b : new LinkedHashSet<>(unit.get(table.get(1)))) {
                            counts.merge(new CellKey(table, List.of(a, b)), 1L, Long::sum);
                        }
                    }
                }
            }
        }
        return counts;
    }

    /** The cell of the given values, its dimensions in the declared order. */
    public CellKey key(Map<String, String> values) {
        List<String> names = new ArrayList<>(values.keySet());
        names.sort((x, y) -> Integer.compare(order.get(x), order.get(y)));
        return new CellKey(names, names.stream().map(values::get).toList());
    }

    /** The values of each dimension that occur in {@code counts}. */
    Map<String, Set<String>> domains(Map<CellKey, Long> counts) {
        Map<String, Set<String>> domains = new HashMap<>();
        dimensions.forEach(d -> domains.put(d.name(), new TreeSet<>()));
        counts.forEach((key, count) -> {
            if (key.dimensions().size() == 1 && count > 0) {
                domains.get(key.dimensions().get(0)).add(key.values().get(0));
            }
        });
        return domains;
    }

    /**
     * Every additive relation between cells: the total and each single table; each row and column of
     * a cross-tabulation and its margin; a coarse value and the fine values it merges, alone and
     * crossed with any third dimension. For a multi-valued dimension the children add up to at least
     * the parent, not exactly; treating it as exact gives the audit more relations than an attacker
     * has, which can only suppress more.
     */
    List<Group> groups(Map<String, Set<String>> domains) {
        List<Group> groups = new ArrayList<>();
        for (Dimension d : dimensions) {
            groups.add(new Group(CellKey.TOTAL, domains.get(d.name()).stream()
                    .map(v -> key(Map.of(d.name(), v))).toList()));
        }
        for (List<String> table : tables()) {
            if (table.size() == 2) {
                String a = table.get(0);
                String b = table.get(1);
                for (String va : domains.get(a)) {
                    groups.add(new Group(key(Map.of(a, va)),
                            domains.get(b).stream().map(vb -> key(Map.of(a, va, b, vb))).toList()));
                }
                for (String vb : domains.get(b)) {
                    groups.add(new Group(key(Map.of(b, vb)),
                            domains.get(a).stream().map(va -> key(Map.of(a, va, b, vb))).toList()));
                }
            }
        }
        for (Dimension coarse : dimensions) {
            if (coarse.coarsens() == null) {
                continue;
            }
            String fine = coarse.coarsens();
            for (String k : domains.get(coarse.name())) {
                List<String> merged = domains.get(fine).stream().filter(f -> k.equals(coarse.groups().get(f))).toList();
                groups.add(new Group(key(Map.of(coarse.name(), k)), merged.stream().map(f -> key(Map.of(fine, f))).toList()));
                for (Dimension third : dimensions) {
                    if (third == coarse || third.name().equals(fine) || !crossed(third, coarse) || !crossed(third, dimensionNamed(fine))) {
                        continue;
                    }
                    for (String t : domains.get(third.name())) {
                        groups.add(new Group(key(Map.of(coarse.name(), k, third.name(), t)),
                                merged.stream().map(f -> key(Map.of(fine, f, third.name(), t))).toList()));
                    }
                }
            }
        }
        return groups;
    }

    private Dimension dimensionNamed(String name) {
        return dimensions.get(order.get(name));
    }
}
