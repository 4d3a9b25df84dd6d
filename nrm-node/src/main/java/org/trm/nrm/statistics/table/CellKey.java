package org.trm.nrm.statistics.table;

import java.util.List;

/** A cell: the dimensions it is taken over (none for the total, one or two) and their values, in the same order. */
public record CellKey(List<String> dimensions, List<String> values) {
    public static final CellKey TOTAL = new CellKey(List.of(), List.of());

    public CellKey {
        dimensions = List.copyOf(dimensions);
        values = List.copyOf(values);
    }
}
