package org.trm.nrm.statistics.table;

import java.util.ArrayList;
import java.util.List;

/** An additive relation between released cells: {@code parent} is the sum of {@code children}. */
record Group(CellKey parent, List<CellKey> children) {

    List<CellKey> members() {
        List<CellKey> all = new ArrayList<>(children.size() + 1);
        all.add(parent);
        all.addAll(children);
        return all;
    }
}
