package org.trm.nrm.statistics.table;

import java.util.Map;

/**
 * One fixed way of classifying a counted unit. {@code multiValued}: a unit may fall under several
 * values (a case with several forms of exploitation), so that the cells add up to more than their
 * parent. {@code coarsens}/{@code groups}: this dimension merges the values of another (child/adult
 * of the age group, citizenship class of citizenship); a cell of this one is then the sum of cells of
 * the other, a relation the suppression has to know about.
 */
public record Dimension(String name, boolean multiValued, String coarsens, Map<String, String> groups) {

    public static Dimension of(String name) {
        return new Dimension(name, false, null, Map.of());
    }

    public static Dimension multiValued(String name) {
        return new Dimension(name, true, null, Map.of());
    }

    /** A coarsening of {@code fine}: {@code groups} maps each value of {@code fine} to one of this. */
    public static Dimension coarsening(String name, String fine, Map<String, String> groups) {
        return new Dimension(name, false, fine, Map.copyOf(groups));
    }
}
