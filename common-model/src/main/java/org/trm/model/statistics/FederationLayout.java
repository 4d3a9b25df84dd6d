package org.trm.model.statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.trm.model.code.AgeBand;
import org.trm.model.code.FormOfExploitation;
import org.trm.model.code.Gender;
import org.trm.model.code.OrganisationType;
import org.trm.model.code.Phase;

/**
 * The cells of a federation statistics round (docs/PROTOCOL.md section 17.2): registered victims,
 * the total, one table per dimension and one per pair of dimensions, over domains that follow from
 * the code lists, the round's participants and its last year only. Every participant derives the
 * same cells in the same order, whatever its own data holds, so that cell {@code i} of one node's
 * shares adds to cell {@code i} of another's, and the vectors exchanged say nothing about which
 * cells a country has non-empty: each is always {@link #size()} long.
 *
 * <p>There is no filter: the years are every year from {@link #FIRST_YEAR} (which stands for that
 * year and every one before it) to {@code lastYear}, the year the round was requested in, so that no
 * two rounds can be asked over overlapping parts of the data and subtracted.
 *
 * @param lastYear the last year counted, the year (UTC) the round was requested in
 * @param participants the round's countries, sorted: citizenship is counted per participant, and
 *     otherwise as another EU or a non-EU country
 */
public record FederationLayout(int lastYear, List<String> participants) {
    /** Identifies this layout in a STATS_REQUEST, so that a node that counts otherwise refuses the round. */
    public static final String VERSION = "registered-victims-1";
    public static final int FIRST_YEAR = 2020;
    public static final String UNKNOWN = "Unknown";
    public static final String OTHER_EU = "OTHER_EU";
    public static final String NON_EU = "NON_EU";
    /** Members of the European Union (ISO 3166-1 alpha-2; Greece is GR). */
    public static final Set<String> EU = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE",
            "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");
    /** Years after the first the layout spans at most: keeps the vectors small whatever a request says. */
    public static final int MAX_YEARS = 30;

    /** One way of classifying a victim, with every value it can take. */
    public record Dimension(String name, List<String> domain, boolean multiValued, String coarsens) {
    }

    /** A cell: the dimensions it is taken over (none for the total) and their values. */
    public record Cell(List<String> dimensions, List<String> values) {
        public static final Cell TOTAL = new Cell(List.of(), List.of());
    }

    public FederationLayout {
        if (lastYear < FIRST_YEAR || lastYear > FIRST_YEAR + MAX_YEARS) {
            throw new IllegalArgumentException("lastYear is " + FIRST_YEAR + " to " + (FIRST_YEAR + MAX_YEARS));
        }
        if (participants == null || participants.size() < 1 || participants.stream().anyMatch(p -> p == null || !p.matches("[A-Z]{2}"))) {
            throw new IllegalArgumentException("participants are ISO 3166-1 alpha-2 codes");
        }
        participants = List.copyOf(new TreeSet<>(participants));
    }

    /** The dimensions, in the order their tables come. */
    public List<Dimension> dimensions() {
        List<String> years = IntStream.rangeClosed(FIRST_YEAR, lastYear).mapToObj(Integer::toString).toList();
        List<String> ages = new ArrayList<>(Arrays.stream(AgeBand.values()).map(AgeBand::code).toList());
        ages.add(UNKNOWN);
        List<String> citizenship = new ArrayList<>(participants);
        citizenship.addAll(List.of(OTHER_EU, NON_EU, UNKNOWN));
        return List.of(
                new Dimension("year", years, false, null),
                new Dimension("identification", List.of("IDENTIFIED", "PRESUMED", "DECLINED"), false, null),
                new Dimension("sex", names(Gender.values(), false), false, null),
                new Dimension("ageGroup", ages, false, null),
                new Dimension("childOrAdult", List.of("Child", "Adult", UNKNOWN), false, "ageGroup"),
                new Dimension("citizenship", citizenship, false, null),
                new Dimension("formOfExploitation", names(FormOfExploitation.values(), true), true, null),
                new Dimension("organisationType", names(OrganisationType.values(), true), false, null),
                new Dimension("phase", names(Phase.values(), false), false, null),
                new Dimension("transnational", List.of("false", "true"), false, null));
    }

    private static List<String> names(Enum<?>[] values, boolean unknown) {
        List<String> names = new ArrayList<>(Arrays.stream(values).map(Enum::name).toList());
        if (unknown && !names.contains(UNKNOWN)) {
            names.add(UNKNOWN);
        }
        return names;
    }

    /** Every cell, in the order of the vectors: the total, each dimension's cells, each pair's. */
    public List<Cell> cells() {
        List<Dimension> dims = dimensions();
        List<Cell> cells = new ArrayList<>();
        cells.add(Cell.TOTAL);
        for (Dimension d : dims) {
            d.domain().forEach(v -> cells.add(new Cell(List.of(d.name()), List.of(v))));
        }
        for (int i = 0; i < dims.size(); i++) {
            for (int j = i + 1; j < dims.size(); j++) {
                Dimension a = dims.get(i);
                Dimension b = dims.get(j);
                if (a.name().equals(b.coarsens()) || b.name().equals(a.coarsens())) {
                    continue;
                }
                for (String x : a.domain()) {
                    for (String y : b.domain()) {
                        cells.add(new Cell(List.of(a.name(), b.name()), List.of(x, y)));
                    }
                }
            }
        }
        return Collections.unmodifiableList(cells);
    }

    public int size() {
        return cells().size();
    }

    /**
     * Counts victims into the cells. Each victim maps a dimension to its values (several for a
     * multi-valued one), as the node counts it; a year before {@link #FIRST_YEAR} counts in it, a
     * citizenship that is no participant's as another EU or a non-EU one, and a value outside a
     * dimension's domain as {@link #UNKNOWN}. A victim registered after {@code lastYear} (a clock
     * ahead across the new year) counts in {@code lastYear}.
     */
    public long[] count(List<Map<String, List<String>>> victims) {
        List<Cell> cells = cells();
        Map<Cell, Integer> index = new HashMap<>(cells.size() * 2);
        for (int i = 0; i < cells.size(); i++) {
            index.put(cells.get(i), i);
        }
        List<Dimension> dims = dimensions();
        long[] counts = new long[cells.size()];
        for (Map<String, List<String>> victim : victims) {
            Map<String, List<String>> values = new HashMap<>();
            for (Dimension d : dims) {
                values.put(d.name(), normalised(d, victim.getOrDefault(d.name(), List.of())));
            }
            counts[0]++;
            for (Dimension d : dims) {
                for (String v : values.get(d.name())) {
                    counts[index.get(new Cell(List.of(d.name()), List.of(v)))]++;
                }
            }
            for (int i = 0; i < dims.size(); i++) {
                for (int j = i + 1; j < dims.size(); j++) {
                    Dimension a = dims.get(i);
                    Dimension b = dims.get(j);
                    if (a.name().equals(b.coarsens()) || b.name().equals(a.coarsens())) {
                        continue;
                    }
                    for (String x : values.get(a.name())) {
                        for (String y : values.get(b.name())) {
                            counts[index.get(new Cell(List.of(a.name(), b.name()), List.of(x, y)))]++;
                        }
                    }
                }
            }
        }
        return counts;
    }

    private List<String> normalised(Dimension d, List<String> given) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : given.isEmpty() ? List.of(UNKNOWN) : given) {
            out.add(normalised(d, v));
        }
        if (!d.multiValued() && out.size() > 1) {
            // A single-valued dimension counts a victim once; a node that gives two values has a bug, counted as unknown.
            return List.of(d.domain().contains(UNKNOWN) ? UNKNOWN : d.domain().get(0));
        }
        return List.copyOf(out);
    }

    private String normalised(Dimension d, String v) {
        switch (d.name()) {
            case "year" -> {
                int year;
                try {
                    year = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    year = lastYear;
                }
                return Integer.toString(Math.min(lastYear, Math.max(FIRST_YEAR, year)));
            }
            case "citizenship" -> {
                if (v == null || UNKNOWN.equals(v) || participants.contains(v) || OTHER_EU.equals(v) || NON_EU.equals(v)) {
                    return v == null ? UNKNOWN : v;
                }
                return EU.contains(v) ? OTHER_EU : v.matches("[A-Z]{2}") ? NON_EU : UNKNOWN;
            }
            default -> {
                if (v != null && d.domain().contains(v)) {
                    return v;
                }
                // Sex has the code list's own UNKNOWN; every other list gets the layout's Unknown.
                return d.domain().contains(UNKNOWN) ? UNKNOWN : Gender.UNKNOWN.name();
            }
        }
    }
}
