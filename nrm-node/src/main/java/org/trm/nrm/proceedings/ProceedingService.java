package org.trm.nrm.proceedings;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.trm.nrm.cases.CaseEventType;
import org.trm.nrm.cases.CaseFile;
import org.trm.nrm.cases.service.CaseAccess;
import org.trm.nrm.cases.service.CaseTimeline;
import org.trm.nrm.http.Versions;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.NrmException;

/** Criminal and civil proceedings of a case, independent of its phase. */
@ApplicationScoped
public class ProceedingService {

    @Inject
    ProceedingRepository proceedings;

    @Inject
    CaseAccess access;

    @Inject
    CaseTimeline timeline;

    @Transactional
    public Proceeding open(UUID caseId, ProceedingCommand in) {
        CaseFile c = access.visible(caseId);
        Proceeding p = new Proceeding();
        p.id = UUID.randomUUID();
        p.caseId = c.id;
        apply(p, in);
        proceedings.persist(p);
        timeline.record(c.id, CaseEventType.PROCEEDING_OPENED, p.kind + " " + p.status);
        return p;
    }

    public List<Proceeding> list(UUID caseId) {
        return proceedings.list("caseId", Sort.by("openedOn").and("id"), access.visible(caseId).id);
    }

    @Transactional
    public Proceeding update(UUID caseId, UUID id, long version, ProceedingCommand in) {
        CaseFile c = access.visible(caseId);
        Proceeding p = proceedings.find("id = ?1 and caseId = ?2", id, c.id).firstResultOptional()
                .orElseThrow(() -> NrmException.notFound("proceeding"));
        Versions.check(Optional.of(version), p.version);
        apply(p, in);
        timeline.record(c.id, CaseEventType.PROCEEDING_UPDATED, p.kind + " " + p.status);
        proceedings.flush();
        return p;
    }

    private static void apply(Proceeding p, ProceedingCommand in) {
        if (in.openedOn() != null && in.closedOn() != null && in.closedOn().isBefore(in.openedOn())) {
            throw new NrmException(ErrorCode.VALIDATION_FAILED, "closedOn is before openedOn");
        }
        p.kind = in.kind();
        p.status = in.status();
        p.authority = in.authority();
        p.fileReference = in.fileReference();
        p.openedOn = in.openedOn();
        p.closedOn = in.closedOn();
        p.outcome = in.outcome();
    }
}
