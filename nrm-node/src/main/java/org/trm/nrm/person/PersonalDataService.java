package org.trm.nrm.person;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.trm.nrm.audit.AuditAction;
import org.trm.nrm.audit.AuditTrail;
import org.trm.nrm.cases.CaseEventType;
import org.trm.nrm.cases.CaseFile;
import org.trm.nrm.cases.service.CaseAccess;
import org.trm.nrm.cases.service.CaseTimeline;
import org.trm.nrm.http.Versions;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.NrmException;
import org.trm.nrm.security.Caller;

/** The victim's personal data: every read, write and erasure is audited in the same transaction. */
@ApplicationScoped
public class PersonalDataService {
    static final String RESOURCE = "personal-data";

    @Inject
    PersonalDataRepository people;

    @Inject
    CaseAccess access;

    @Inject
    CaseTimeline timeline;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    @Transactional
    public PersonalData get(UUID caseId) {
        CaseFile c = access.visible(caseId);
        PersonalData p = people.findByIdOptional(c.id).orElseThrow(() -> NrmException.notFound("personal data"));
        audit.record(c.id, RESOURCE, AuditAction.READ);
        return p;
    }

    /** Creates or replaces; replacing needs the current version (If-Match). */
    @Transactional
    public PersonalData put(UUID caseId, Optional<Long> version, PersonalDataCommand in) {
        CaseFile c = access.visible(caseId);
        if (c.anonymous || c.personalDataErasedAt != null) {
            throw new NrmException(ErrorCode.PERSONAL_DATA_NOT_ALLOWED,
                    c.anonymous ? "the case is an anonymous notification" : "the case's personal data was erased");
        }
        PersonalData p = people.findByIdOptional(c.id).orElse(null);
        boolean created = p == null;
        if (created) {
            p = new PersonalData();
            p.caseId = c.id;
        } else {
            if (version.isEmpty()) {
                throw new NrmException(ErrorCode.IF_MATCH_REQUIRED, "send If-Match with the ETag of the version you read");
            }
            Versions.check(version, p.version);
        }
        p.givenName = in.givenName();
        p.familyName = in.familyName();
        p.aliases = in.aliases();
        p.dateOfBirth = in.dateOfBirth();
        p.placeOfBirth = in.placeOfBirth();
        p.gender = in.gender();
        p.languages = in.languages();
        p.address = in.address();
        p.phone = in.phone();
        p.email = in.email();
        p.identityDocument = in.identityDocument();
        p.notes = in.notes();
        p.updatedAt = Instant.now();
        p.updatedBy = caller.name();
        if (created) {
            people.persist(p);
        }
        people.flush();
        audit.record(c.id, RESOURCE, AuditAction.WRITE);
        timeline.record(c.id, CaseEventType.PERSONAL_DATA_RECORDED, created ? "recorded" : "replaced");
        return p;
    }

    /** Erases the personal data for good; the case, its timeline and the audit trail stay. */
    @Transactional
    public void erase(UUID caseId) {
        CaseFile c = access.visible(caseId);
        people.deleteById(c.id);
        c.personalDataErasedAt = Instant.now();
        audit.record(c.id, RESOURCE, AuditAction.ERASE);
        timeline.record(c.id, CaseEventType.PERSONAL_DATA_ERASED, "erased on request");
    }
}
