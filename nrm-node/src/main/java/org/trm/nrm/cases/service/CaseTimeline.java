package org.trm.nrm.cases.service;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.trm.nrm.cases.CaseEvent;
import org.trm.nrm.cases.CaseEventRepository;
import org.trm.nrm.cases.CaseEventType;
import org.trm.nrm.security.Caller;

/** Writes and reads a case's timeline; called inside the transaction of the change it records. */
@ApplicationScoped
public class CaseTimeline {

    @Inject
    CaseEventRepository events;

    @Inject
    Caller caller;

    /** Records a change; {@code detail} names fields and codes, never personal values. */
    public void record(UUID caseId, CaseEventType type, String detail) {
        CaseEvent event = new CaseEvent();
        event.caseId = caseId;
        event.type = type.name();
        event.detail = detail;
        event.actor = caller.name();
        event.occurredAt = Instant.now();
        events.persist(event);
    }

    public List<CaseEvent> of(UUID caseId) {
        return events.list("caseId", Sort.by("id"), caseId);
    }
}
