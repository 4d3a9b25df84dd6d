package org.trm.nrm.assistance;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class AssessmentRepository implements PanacheRepositoryBase<Assessment, UUID> {

    /** The case's most recent assessment of this kind. */
    public Optional<Assessment> latest(UUID caseId, AssessmentKind kind) {
        return find("caseId = ?1 and kind = ?2", Sort.descending("assessedAt"), caseId, kind).firstResultOptional();
    }
}
