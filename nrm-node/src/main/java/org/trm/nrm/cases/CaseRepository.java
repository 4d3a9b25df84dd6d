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
        var query = getEntityManager().createQuery("select c.id " + fromClause, UUID.class).setMaxResults(cap + 1);
        params.forEach(query::setParameter);
        return query.getResultList().size();
    }
}
