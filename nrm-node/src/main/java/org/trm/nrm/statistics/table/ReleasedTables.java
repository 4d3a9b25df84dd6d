package org.trm.nrm.statistics.table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What may be published of a {@link TableSet}'s exact counts: every non-empty cell, a suppressed one
 * without its count. An absent cell is empty.
 */
public record ReleasedTables(int minimumCellSize, Cell total, List<Table> tables) {

    public record Table(List<String> dimensions, List<Cell> cells) {
    }

    public record Cell(List<String> values, Long count, boolean suppressed) {
    }

    public static ReleasedTables release(TableSet shape, Map<CellKey, Long> counts, int minimum) {
        return release(shape, counts, minimum, Set.of());
    }

    /** As {@link #release(TableSet, Map, int)}, {@code alsoPrimary} suppressed as small cells are. */
    public static ReleasedTables release(TableSet shape, Map<CellKey, Long> counts, int minimum, Set<CellKey> alsoPrimary) {
        Set<CellKey> suppressed = Suppression.suppressed(shape, counts, minimum, alsoPrimary);
        List<Table> tables = new ArrayList<>();
        for (List<String> dimensions : shape.tables()) {
            List<Cell> cells = counts.entrySet().stream()
                    .filter(e -> e.getKey().dimensions().equals(dimensions) && e.getValue() > 0)
                    .map(e -> cell(e.getKey(), e.getValue(), suppressed))
                    .sorted(Comparator.comparing(c -> String.join("\u0000", c.values())))
                    .toList();
            tables.add(new Table(dimensions, cells));
        }
        return new ReleasedTables(minimum, cell(CellKey.TOTAL, counts.getOrDefault(CellKey.TOTAL, 0L), suppressed), tables);
    }

    private static Cell cell(CellKey key, long count, Set<CellKey> suppressed) {
        boolean hidden = suppressed.contains(key);
        return new Cell(key.values(), hidden ? null : count, hidden);
    }
}
