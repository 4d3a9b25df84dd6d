package org.trm.nrm.statistics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trm.model.code.AgeBand;
import org.trm.nrm.NrmConfig;

/**
 * Anonymised counts of cases, one dimension at a time, that can be published and summed across
 * countries. Cells below {@code nrm.statistics-min-cell} are suppressed; when a dimension would have
 * exactly one suppressed cell, the next smallest is suppressed too, so that it cannot be recovered
 * by subtracting the others from the total.
 */
@ApplicationScoped
public class StatisticsService {
    /** SQL expression per dimension over case_file; anonymous notifications are counted like any case. */
    private static final Map<String, String> DIMENSIONS = new LinkedHashMap<>();

    static {
        DIMENSIONS.put("citizenship", "coalesce(citizenship, 'UNKNOWN')");
        DIMENSIONS.put("sex", "coalesce(sex, 'UNKNOWN')");
        DIMENSIONS.put("ageBand", AgeBand.sql("age_at_identification", "UNKNOWN"));
        DIMENSIONS.put("phase", "phase");
        DIMENSIONS.put("identificationStatus", "identification_status");
        DIMENSIONS.put("transnational", """
                CASE WHEN coalesce(citizenship, :country) <> :country
                       OR coalesce(country_of_exploitation, :country) <> :country THEN 'true' ELSE 'false' END""");
    }

    @Inject
    EntityManager em;

    @Inject
    NrmConfig config;

    public Statistics compute(Integer year) {
        String where = year == null ? "" : " WHERE extract(year FROM created_at) = :year";
        long total = ((Number) query("SELECT count(*) FROM case_file" + where, year).getSingleResult()).longValue();
        Map<String, List<Cell>> dimensions = new LinkedHashMap<>();
        DIMENSIONS.forEach((name, expression) -> dimensions.put(name, cells(
                "SELECT " + expression + " AS v, count(*) FROM case_file" + where + " GROUP BY v", year)));
        // A case can have several forms of exploitation: these cells add up to more than the total.
        dimensions.put("formOfExploitation", cells("SELECT f AS v, count(*) FROM case_file, "
                + "unnest(forms_of_exploitation) AS f" + where + " GROUP BY v", year));
        int min = config.statisticsMinCell();
        return new Statistics(config.country(), year, Instant.now(), min, total < min ? null : total, dimensions);
    }

    private List<Cell> cells(String sql, Integer year) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query(sql, year).getResultList();
        int min = config.statisticsMinCell();
        List<Cell> cells = new ArrayList<>();
        for (Object[] row : rows) {
            long count = ((Number) row[1]).longValue();
            cells.add(new Cell(row[0].toString(), count < min ? null : count, count < min));
        }
        long suppressed = cells.stream().filter(Cell::suppressed).count();
        if (suppressed == 1) {
            cells.stream().filter(c -> !c.suppressed()).min(Comparator.comparing(Cell::count)).ifPresent(smallest ->
                    cells.set(cells.indexOf(smallest), new Cell(smallest.value(), null, true)));
        }
        cells.sort(Comparator.comparing(Cell::value));
        return cells;
    }

    private jakarta.persistence.Query query(String sql, Integer year) {
        jakarta.persistence.Query q = em.createNativeQuery(sql);
        if (sql.contains(":country")) {
            q.setParameter("country", config.country());
        }
        if (year != null) {
            q.setParameter("year", year);
        }
        return q;
    }

    /** Counts per dimension; a suppressed cell has no count. */
    public record Statistics(String country, Integer year, Instant generatedAt, int minimumCellSize, Long totalCases,
            Map<String, List<Cell>> dimensions) {
    }

    public record Cell(String value, Long count, boolean suppressed) {
    }
}
