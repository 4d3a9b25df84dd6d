package org.trm.nrm.statistics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trm.model.code.AgeBand;
import org.trm.model.code.Gender;
import org.trm.nrm.NrmConfig;
import org.trm.nrm.statistics.table.CellKey;
import org.trm.nrm.statistics.table.Dimension;
import org.trm.nrm.statistics.table.ReleasedTables;
import org.trm.nrm.statistics.table.TableSet;

/**
 * The node's figures in the EU's data-collection dimensions, as fixed tables: every single dimension
 * and every cross-tabulation of two, for all years at once, with nothing to filter by. A filter would
 * let two answers be subtracted (all years minus one year is the other years, small cells included);
 * with one fixed shape the only relations between released figures are those inside the answer,
 * and {@link org.trm.nrm.statistics.table.Suppression} protects against all of them. Reads case
 * metadata only: never a field of personal data.
 */
@ApplicationScoped
public class StatisticalTablesService {
    public static final String VICTIMS = "registeredVictims";
    public static final String REFERRALS = "referrals";
    public static final String RETURN_REQUESTS = "returnRequests";

    static final String UNKNOWN = "Unknown";
    private static final String CHILD = "Child";
    private static final String ADULT = "Adult";

    @Inject
    EntityManager em;

    @Inject
    NrmConfig config;

    /** The shape of each population's tables; the same in every node, so that they can be added up. */
    public static Map<String, TableSet> shapes() {
        Map<String, String> childOrAdult = new HashMap<>();
        Arrays.stream(AgeBand.values()).forEach(b -> childOrAdult.put(b.code(), b == AgeBand.CHILD ? CHILD : ADULT));
        childOrAdult.put(UNKNOWN, UNKNOWN);
        Map<String, String> citizenshipClass = new HashMap<>();
        Map<String, TableSet> shapes = new LinkedHashMap<>();
        shapes.put(VICTIMS, new TableSet(List.of(
                Dimension.of("year"),
                Dimension.of("identification"),
                Dimension.of("sex"),
                Dimension.of("ageGroup"),
                Dimension.coarsening("childOrAdult", "ageGroup", childOrAdult),
                Dimension.of("citizenship"),
                // Filled in per count: which citizenships merge into which class depends on the country.
                Dimension.coarsening("citizenshipClass", "citizenship", citizenshipClass),
                Dimension.multiValued("formOfExploitation"),
                Dimension.of("organisationType"),
                Dimension.of("phase"),
                Dimension.of("transnational"))));
        shapes.put(REFERRALS, new TableSet(List.of(
                Dimension.of("year"), Dimension.of("direction"), Dimension.of("partner"),
                Dimension.of("answer"), Dimension.of("answerTime"))));
        shapes.put(RETURN_REQUESTS, new TableSet(List.of(
                Dimension.of("year"), Dimension.of("direction"), Dimension.of("partner"))));
        return shapes;
    }

    /** The node's figures with small cells suppressed: what the node may publish. */
    @Transactional
    public NodeTables release() {
        int minimum = config.statisticsMinCell();
        Map<String, ReleasedTables> populations = new LinkedHashMap<>();
        exactCounts().forEach((population, counts) ->
                populations.put(population, ReleasedTables.release(shape(population), counts, minimum)));
        return new NodeTables(config.country(), Instant.now(), minimum, populations);
    }

    /** Exact counts per population: never published as they are. */
    @Transactional
    public Map<String, Map<CellKey, Long>> exactCounts() {
        Map<String, Map<CellKey, Long>> counts = new LinkedHashMap<>();
        counts.put(VICTIMS, shape(VICTIMS).count(victims()));
        counts.put(REFERRALS, shape(REFERRALS).count(referrals()));
        counts.put(RETURN_REQUESTS, shape(RETURN_REQUESTS).count(returnRequests()));
        return counts;
    }

    /** A population's shape, the citizenship classes seen from this country. */
    public TableSet shape(String population) {
        TableSet shape = shapes().get(population);
        if (!VICTIMS.equals(population)) {
            return shape;
        }
        List<Dimension> dimensions = new ArrayList<>(shape.dimensions());
        dimensions.replaceAll(d -> d.name().equals("citizenshipClass")
                ? Dimension.coarsening(d.name(), d.coarsens(), citizenshipClasses()) : d);
        return new TableSet(dimensions);
    }

    private Map<String, String> citizenshipClasses() {
        @SuppressWarnings("unchecked")
        List<Object> seen = em.createNativeQuery("SELECT DISTINCT citizenship FROM case_file WHERE citizenship IS NOT NULL")
                .getResultList();
        Map<String, String> classes = new HashMap<>();
        seen.forEach(c -> classes.put(c.toString(), CitizenshipClass.of(c.toString(), config.country()).name()));
        classes.put(UNKNOWN, CitizenshipClass.UNKNOWN.name());
        return classes;
    }

    /**
     * Registered victims as the EU counts them: identified, presumed, and those who declined formal
     * identification (anonymous notifications); a case found not to be one of trafficking
     * (NOT_CONFIRMED) is no victim and is not counted.
     */
    private List<Map<String, List<String>>> victims() {
        return victimUnits();
    }

    /**
     * Each registered victim as the tables classify it, one map of dimension to values per victim:
     * what a federation statistics round counts into its own layout. Case metadata only.
     */
    @Transactional
    public List<Map<String, List<String>>> victimUnits() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT extract(year FROM c.created_at)::int, c.identification_status, c.anonymous, c.sex,
                       c.age_at_identification, c.citizenship, c.forms_of_exploitation, o.type, c.phase,
                       (coalesce(c.citizenship, :country) <> :country
                        OR coalesce(c.country_of_exploitation, :country) <> :country)
                FROM case_file c LEFT JOIN organisation o ON o.id = c.referring_organisation_id
                WHERE c.anonymous OR c.identification_status <> 'NOT_CONFIRMED'""")
                .setParameter("country", config.country()).getResultList();
        List<Map<String, List<String>>> units = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Map<String, List<String>> unit = new HashMap<>();
            unit.put("year", List.of(r[0].toString()));
            unit.put("identification", List.of(Boolean.TRUE.equals(r[2]) ? "DECLINED" : r[1].toString()));
            unit.put("sex", List.of(r[3] == null ? Gender.UNKNOWN.code() : r[3].toString()));
            String age = AgeBand.of(r[4] == null ? null : ((Number) r[4]).intValue()).map(AgeBand::code).orElse(UNKNOWN);
            unit.put("ageGroup", List.of(age));
            unit.put("childOrAdult", List.of(UNKNOWN.equals(age) ? UNKNOWN : AgeBand.CHILD.code().equals(age) ? CHILD : ADULT));
            String citizenship = r[5] == null ? null : r[5].toString();
            unit.put("citizenship", List.of(citizenship == null ? UNKNOWN : citizenship));
            unit.put("citizenshipClass", List.of(CitizenshipClass.of(citizenship, config.country()).name()));
            List<String> forms = forms(r[6]);
            unit.put("formOfExploitation", forms.isEmpty() ? List.of(UNKNOWN) : forms);
            unit.put("organisationType", List.of(r[7] == null ? UNKNOWN : r[7].toString()));
            unit.put("phase", List.of(r[8].toString()));
            unit.put("transnational", List.of(r[9].toString()));
            units.add(unit);
        }
        return units;
    }

    private static List<String> forms(Object column) {
        if (column instanceof Object[] array) {
            return Arrays.stream(array).map(Object::toString).toList();
        }
        if (column instanceof java.sql.Array array) {
            try {
                return Arrays.stream((Object[]) array.getArray()).map(Object::toString).toList();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("forms of exploitation unreadable", e);
            }
        }
        return List.of();
    }

    /**
     * Transnational referrals, one per conversation, by partner and direction; answered or not and
     * how fast, from the referral to the first answer in either direction. A return announced ahead
     * (RETURN_PRENOTIFICATION) opens a conversation too, but is no referral.
     */
    private List<Map<String, List<String>>> referrals() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT extract(year FROM c.created_at)::int, c.direction, c.partner, c.status,
                       (SELECT extract(epoch FROM min(m.created_at) - c.created_at) / 86400
                          FROM transnational_message m
                         WHERE m.conversation_id = c.id AND m.type = 'REFERRAL_RESPONSE')
                FROM conversation c WHERE c.opened_by = 'REFERRAL'""").getResultList();
        List<Map<String, List<String>>> units = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Double days = r[4] == null ? null : ((Number) r[4]).doubleValue();
            units.add(Map.of("year", List.of(r[0].toString()), "direction", List.of(r[1].toString()),
                    "partner", List.of(r[2].toString()), "answer", List.of(r[3].toString()),
                    "answerTime", List.of(answerTime(days))));
        }
        return units;
    }

    static String answerTime(Double days) {
        if (days == null) {
            return "UNANSWERED";
        }
        return days <= 1 ? "WITHIN_1_DAY" : days <= 7 ? "WITHIN_7_DAYS" : days <= 30 ? "WITHIN_30_DAYS" : "LATER";
    }

    /** Return requests sent and received, by partner. */
    private List<Map<String, List<String>>> returnRequests() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT extract(year FROM m.created_at)::int, m.direction, c.partner
                FROM transnational_message m JOIN conversation c ON c.id = m.conversation_id
                WHERE m.type = 'RETURN_REQUEST'""").getResultList();
        List<Map<String, List<String>>> units = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            units.add(Map.of("year", List.of(r[0].toString()), "direction", List.of(r[1].toString()),
                    "partner", List.of(r[2].toString())));
        }
        return units;
    }

    /** A node's published figures per population. */
    public record NodeTables(String country, Instant generatedAt, int minimumCellSize,
            Map<String, ReleasedTables> populations) {
    }
}
