package org.trm.nrm.cases;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Year;
import java.util.UUID;

@ApplicationScoped
public class CaseRepository implements PanacheRepositoryBase<CaseFile, UUID> {

    /**
     * The next number of the year's references. The upsert locks the year's row until commit, so
     * numbers are unique and, apart from rolled-back creations, without gaps.
     */
    public int nextNumber(Year year) {
        Object next = getEntityManager().createNativeQuery("""
                INSERT INTO case_reference_counter (year, last_number) VALUES (?1, 1)
                ON CONFLICT (year) DO UPDATE SET last_number = case_reference_counter.last_number + 1
                RETURNING last_number""").setParameter(1, year.getValue()).getSingleResult();
        return ((Number) next).intValue();
    }
}
