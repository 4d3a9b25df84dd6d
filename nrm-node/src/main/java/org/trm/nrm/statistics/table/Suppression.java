package org.trm.nrm.statistics.table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which cells of a {@link TableSet} must not be released. Primary: every cell with a count from 1 to
 * {@code minimum - 1}. Complementary, until nothing changes: in any relation (a row, column or
 * margin) with suppressed cells there are at least two, and the suppressed children add up to at
 * least {@code minimum} (so that two suppressed ones of 1 and 1 are not known to be 1 each); and no
 * suppressed cell can be computed exactly from the released ones through any chain of relations
 * ({@link LinearDisclosureAudit}). A complement is the smallest released non-empty cell that helps,
 * a child before a margin, so that as little as possible is hidden. Empty cells are released as
 * absent: an empty cell reveals nobody.
 */
public final class Suppression {

    private Suppression() {
    }

    public static Set<CellKey> suppressed(TableSet shape, Map<CellKey, Long> counts, int minimum) {
        return suppressed(shape, counts, minimum, Set.of());
    }

    /**
     * As {@link #suppressed(TableSet, Map, int)}, with {@code alsoPrimary} suppressed from the start
     * like a small cell (the federation's cells whose part that is not the requester's own is small:
     * the requester could otherwise subtract its own count), complements then added for them too.
     */
    public static Set<CellKey> suppressed(TableSet shape, Map<CellKey, Long> counts, int minimum, Set<CellKey> alsoPrimary) {
        List<Group> groups = shape.groups(shape.domains(counts));
        Map<CellKey, List<Group>> groupsOf = new HashMap<>();
        groups.forEach(g -> g.members().forEach(m -> groupsOf.computeIfAbsent(m, k -> new ArrayList<>()).add(g)));
        Set<CellKey> suppressed = new HashSet<>();
        alsoPrimary.stream().filter(k -> count(counts, k) > 0).forEach(suppressed::add);
        counts.forEach((key, count) -> {
            if (count > 0 && count < minimum) {
                suppressed.add(key);
            }
        });
        while (true) {
            boolean changed = false;
            for (Group g : groups) {
                List<CellKey> hidden = g.members().stream().filter(suppressed::contains).toList();
                if (hidden.isEmpty()) {
                    continue;
                }
                long hiddenChildren = g.children().stream().filter(suppressed::contains).mapToLong(k -> count(counts, k)).sum();
                boolean parentHidden = suppressed.contains(g.parent());
                if (hidden.size() == 1 || (!parentHidden && hiddenChildren < minimum)) {
                    Optional<CellKey> complement = complement(g, counts, suppressed);
                    if (complement.isPresent()) {
                        suppressed.add(complement.get());
                        changed = true;
                    }
                }
            }
            if (changed) {
                continue;
            }
            Set<CellKey> determined = LinearDisclosureAudit.determined(groups, suppressed);
            if (determined.isEmpty()) {
                return suppressed;
            }
            for (CellKey cell : determined) {
                Optional<CellKey> complement = groupsOf.getOrDefault(cell, List.of()).stream()
                        .flatMap(g -> complement(g, counts, suppressed).stream())
                        .min(crossTabulationFirst(counts));
                if (complement.isEmpty()) {
                    complement = counts.entrySet().stream()
                            .filter(e -> e.getValue() > 0 && !suppressed.contains(e.getKey()))
                            .map(Map.Entry::getKey).min(Comparator.comparing(k -> count(counts, k)));
                }
                if (complement.isEmpty()) {
                    return suppressed;
                }
                suppressed.add(complement.get());
            }
        }
    }

    private static Optional<CellKey> complement(Group g, Map<CellKey, Long> counts, Set<CellKey> suppressed) {
        Optional<CellKey> child = g.children().stream()
                .filter(k -> count(counts, k) > 0 && !suppressed.contains(k))
                .min(Comparator.comparing(k -> count(counts, k)));
        if (child.isPresent()) {
            return child;
        }
        return count(counts, g.parent()) > 0 && !suppressed.contains(g.parent()) ? Optional.of(g.parent()) : Optional.empty();
    }

    private static Comparator<CellKey> crossTabulationFirst(Map<CellKey, Long> counts) {
        // Fewer dimensions is a margin shared by more tables: hide a cross-tabulation cell first.
        return Comparator.<CellKey>comparingInt(k -> -k.dimensions().size()).thenComparing(k -> count(counts, k));
    }

    private static long count(Map<CellKey, Long> counts, CellKey key) {
        return counts.getOrDefault(key, 0L);
    }
}
