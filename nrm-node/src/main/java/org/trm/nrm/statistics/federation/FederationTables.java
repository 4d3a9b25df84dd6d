package org.trm.nrm.statistics.federation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.trm.model.code.AgeBand;
import org.trm.model.statistics.FederationLayout;
import org.trm.nrm.statistics.table.CellKey;
import org.trm.nrm.statistics.table.Dimension;
import org.trm.nrm.statistics.table.ReleasedTables;
import org.trm.nrm.statistics.table.TableSet;

/**
 * The federation's sums released as the node's own tables are ({@link
 * org.trm.nrm.statistics.table.Suppression}: small cells, complements against every margin and every
 * chain of relations), and one more rule: a cell is suppressed also when the part of it that is not
 * the requester's own is from 1 to the threshold − 1, or the requester, who knows its own count,
 * would learn the other countries' small cell by subtraction.
 */
public final class FederationTables {
    private FederationTables() {
    }

    /** The layout as a {@link TableSet}: the same tables, the child/adult split a coarsening of the age group. */
    public static TableSet shape(FederationLayout layout) {
        Map<String, String> childOrAdult = new HashMap<>();
        for (AgeBand b : AgeBand.values()) {
            childOrAdult.put(b.code(), b == AgeBand.CHILD ? "Child" : "Adult");
        }
        childOrAdult.put(FederationLayout.UNKNOWN, FederationLayout.UNKNOWN);
        List<Dimension> dimensions = new ArrayList<>();
        for (FederationLayout.Dimension d : layout.dimensions()) {
            dimensions.add(d.coarsens() != null ? Dimension.coarsening(d.name(), d.coarsens(), childOrAdult)
                    : d.multiValued() ? Dimension.multiValued(d.name()) : Dimension.of(d.name()));
        }
        return new TableSet(dimensions);
    }

    /**
     * @param sums the federation's exact sums, one per cell of {@code layout}
     * @param own the requester's own counts in the same cells
     */
    public static ReleasedTables release(FederationLayout layout, long[] sums, long[] own, int minimum) {
        List<FederationLayout.Cell> cells = layout.cells();
        Map<CellKey, Long> counts = new HashMap<>();
        Set<CellKey> othersSmall = new HashSet<>();
        for (int i = 0; i < cells.size(); i++) {
            if (sums[i] > 0) {
                CellKey key = new CellKey(cells.get(i).dimensions(), cells.get(i).values());
                counts.put(key, sums[i]);
                long others = sums[i] - own[i];
                if (others > 0 && others < minimum) {
                    othersSmall.add(key);
                }
            }
        }
        return ReleasedTables.release(shape(layout), counts, minimum, othersSmall);
    }
}
