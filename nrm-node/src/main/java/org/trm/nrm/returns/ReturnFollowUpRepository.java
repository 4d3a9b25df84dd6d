package org.trm.nrm.returns;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ReturnFollowUpRepository implements PanacheRepositoryBase<ReturnFollowUp, UUID> {

    public List<ReturnFollowUp> ofCase(UUID caseId) {
        return list("caseId", Sort.by("dueOn").and("seq"), caseId);
    }

    public boolean scheduled(UUID conversationId) {
        return count("conversationId", conversationId) > 0;
    }

    /** The earliest follow-up of the conversation still awaited, locked: the one a report received answers. */
    public Optional<ReturnFollowUp> earliestOpen(UUID conversationId) {
        return find("conversationId = ?1 and receivedAt is null", Sort.by("seq"), conversationId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** Follow-ups past their due day and not yet on their case's timeline as overdue, locked. */
    public List<ReturnFollowUp> overdueUnnoted(LocalDate today) {
        return find("receivedAt is null and dueOn < ?1 and overdueNotedAt is null", Sort.by("dueOn"), today)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
