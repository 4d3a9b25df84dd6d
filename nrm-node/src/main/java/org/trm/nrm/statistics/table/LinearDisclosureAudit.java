package org.trm.nrm.statistics.table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which suppressed cells an attacker could still compute exactly from the released ones, with any
 * combination of the tables' additive relations (each {@link Group}: parent = sum of children).
 * The released cells are constants; the suppressed ones are the unknowns of a linear system, and an
 * unknown is determined exactly when its unit vector lies in the row space of the system. This is
 * what the row/column rule of complementary suppression misses: a chain of relations across linked
 * tables (a margin that appears in several cross-tabulations) or a bridge between two suppressed
 * patterns. The rank is computed modulo a large prime: any cell determined over the rationals is
 * determined modulo the prime too, so nothing determined escapes; the opposite error, a cell reported
 * determined that is not, only costs an extra suppression.
 */
final class LinearDisclosureAudit {
    private static final long P = 2_147_483_647L;

    private LinearDisclosureAudit() {
    }

    static Set<CellKey> determined(List<Group> groups, Set<CellKey> suppressed) {
        Map<CellKey, Integer> column = new HashMap<>();
        List<CellKey> unknowns = new ArrayList<>(suppressed);
        for (int i = 0; i < unknowns.size(); i++) {
            column.put(unknowns.get(i), i);
        }
        int n = unknowns.size();
        List<long[]> rows = new ArrayList<>();
        for (Group g : groups) {
            long[] row = null;
            for (CellKey member : g.members()) {
                Integer c = column.get(member);
                if (c != null) {
                    if (row == null) {
                        row = new long[n];
                    }
                    long coefficient = member.equals(g.parent()) ? 1 : P - 1;
                    row[c] = (row[c] + coefficient) % P;
                }
            }
            if (row != null) {
                rows.add(row);
            }
        }
        // Gauss-Jordan elimination to the reduced row echelon form.
        int[] pivotRowOfColumn = new int[n];
        java.util.Arrays.fill(pivotRowOfColumn, -1);
        int rank = 0;
        for (int c = 0; c < n && rank < rows.size(); c++) {
            int pivot = -1;
            for (int r = rank; r < rows.size(); r++) {
                if (rows.get(r)[c] != 0) {
                    pivot = r;
                    break;
                }
            }
            if (pivot < 0) {
                continue;
            }
            java.util.Collections.swap(rows, rank, pivot);
            long[] p = rows.get(rank);
            long inverse = inverse(p[c]);
            for (int k = 0; k < n; k++) {
                p[k] = p[k] * inverse % P;
            }
            for (int r = 0; r < rows.size(); r++) {
                long[] other = rows.get(r);
                if (r != rank && other[c] != 0) {
                    long factor = other[c];
                    for (int k = c; k < n; k++) {
                        if (p[k] != 0) {
                            other[k] = Math.floorMod(other[k] - factor * p[k] % P, P);
                        }
                    }
                }
            }
            pivotRowOfColumn[c] = rank;
            rank++;
        }
        Set<CellKey> determined = new HashSet<>();
        for (int c = 0; c < n; c++) {
            if (pivotRowOfColumn[c] >= 0 && onlyNonZero(rows.get(pivotRowOfColumn[c]), c)) {
                determined.add(unknowns.get(c));
            }
        }
        return determined;
    }

    private static boolean onlyNonZero(long[] row, int c) {
        for (int k = 0; k < row.length; k++) {
            if (k != c && row[k] != 0) {
                return false;
            }
        }
        return true;
    }

    private static long inverse(long a) {
        // Fermat: a^(P-2) mod P.
        long result = 1;
        long base = a % P;
        long e = P - 2;
        while (e > 0) {
            if ((e & 1) == 1) {
                result = result * base % P;
            }
            base = base * base % P;
            e >>= 1;
        }
        return result;
    }
}
