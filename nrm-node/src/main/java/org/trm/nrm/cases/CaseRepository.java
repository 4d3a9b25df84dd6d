package org.trm.nrm.cases;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Year;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class CaseRepository implements PanacheRepositoryBase<CaseFile, UUID> {

    /** The next number of the year's references (see V3__case_number_sequences.sql). */
    public long nextNumber(Year year) {
        Object next = getEntityManager().createNativeQuery("SELECT next_case_number(?1)")
                .setParameter(1, year.getValue()).getSingleResult();
        return ((Number) next).longValue();
    }

    /** How many cases an HQL {@code from CaseFile c ...} query matches, counting at most {@code cap + 1}. */
    public long countUpTo(String fromClause, Map<String, Object> params, int cap) {
        // Counted in the database over a limited derived table: nothing but the number travels.
        var query = getEntityManager().createQuery(
                "select count(*) from (select c.id as id " + fromClause + " order by c.createdAt desc limit " + (cap + 1)
                        + ") matches", Long.class);
        params.forEach(query::setParameter);
        return query.getSingleResult();
    }
}
