package org.trm.nrm.protection;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.trm.nrm.audit.AuditAction;
import org.trm.nrm.audit.AuditTrail;
import org.trm.nrm.cases.CaseEventType;
import org.trm.nrm.cases.CaseFile;
import org.trm.nrm.cases.InternationalProtectionStatus;
import org.trm.nrm.cases.service.CaseAccess;
import org.trm.nrm.cases.service.CaseTimeline;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.NrmException;
import org.trm.nrm.security.Caller;

/**
 * A child's protection (disputed age, guardian, best-interests determination) and the victim's
 * request to return early. These records name the people acting for the victim, so reading and
 * writing them is audited like personal data; the timeline says only what kind of record was made.
 */
@ApplicationScoped
public class ProtectionService {
    static final String RESOURCE = "protection";

    @Inject
    CaseAccess access;

    @Inject
    CaseTimeline timeline;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    /** Everything recorded for a case, oldest first. */
    public record Records(boolean child, boolean ageDisputed, List<AgeAssessment> ageAssessments,
            List<GuardianAppointment> guardians, List<BestInterestsDetermination> determinations,
            List<EarlyReturnRequest> earlyReturnRequests) {
    }

    @Transactional
    public Records records(UUID caseId) {
        CaseFile c = access.visible(caseId);
        audit.record(c.id, RESOURCE, AuditAction.READ);
        return new Records(c.isChild(), c.ageDisputed,
                AgeAssessment.list("caseId", Sort.by("recordedAt"), c.id),
                GuardianAppointment.list("caseId", Sort.by("recordedAt"), c.id),
                BestInterestsDetermination.list("caseId", Sort.by("recordedAt"), c.id),
                EarlyReturnRequest.list("caseId", Sort.by("recordedAt"), c.id));
    }

    /** Marks the age as disputed; disputing again changes nothing. */
    @Transactional
    public CaseFile disputeAge(UUID caseId) {
        CaseFile c = access.visible(caseId);
        if (!c.ageDisputed) {
            c.ageDisputed = true;
            c.updatedAt = Instant.now();
            timeline.record(c.id, CaseEventType.AGE_DISPUTED, "treated as a child until an age assessment decides");
        }
        return c;
    }

    /** Records an age assessment; a decided outcome ends the dispute and fixes the age. */
    @Transactional
    public AgeAssessment assessAge(UUID caseId, ProtectionCommand.AssessAge in) {
        CaseFile c = access.visible(caseId);
        boolean decided = in.outcome() != AgeOutcome.UNDETERMINED;
        if (decided != (in.assessedAge() != null)) {
            throw new NrmException(ErrorCode.VALIDATION_FAILED,
                    "'assessedAge' is required when the outcome is CHILD or ADULT and only then");
        }
        if (decided && (in.assessedAge() < 18) != (in.outcome() == AgeOutcome.CHILD)) {
            throw new NrmException(ErrorCode.VALIDATION_FAILED, "'assessedAge' contradicts the outcome");
        }
        AgeAssessment a = new AgeAssessment();
        a.id = UUID.randomUUID();
        a.caseId = c.id;
        a.method = in.method();
        a.outcome = in.outcome();
        a.assessedAge = in.assessedAge();
        a.authority = in.authority();
        a.assessedOn = in.assessedOn();
        a.recordedBy = caller.name();
        a.recordedAt = Instant.now();
        a.persist();
        if (decided) {
            c.ageDisputed = false;
            c.ageAtIdentification = in.assessedAge();
            c.updatedAt = a.recordedAt;
        } else {
            c.ageDisputed = true;
        }
        audit.record(c.id, RESOURCE, AuditAction.WRITE);
        timeline.record(c.id, CaseEventType.AGE_ASSESSED, "outcome " + a.outcome);
        return a;
    }

    @Transactional
    public GuardianAppointment appointGuardian(UUID caseId, ProtectionCommand.AppointGuardian in) {
        CaseFile c = child(caseId);
        GuardianAppointment g = new GuardianAppointment();
        g.id = UUID.randomUUID();
        g.caseId = c.id;
        g.guardian = in.guardian();
        g.authority = in.authority();
        g.appointedOn = in.appointedOn();
        g.recordedBy = caller.name();
        g.recordedAt = Instant.now();
        g.persist();
        audit.record(c.id, RESOURCE, AuditAction.WRITE);
        timeline.record(c.id, CaseEventType.GUARDIAN_APPOINTED, "guardian appointed on " + g.appointedOn);
        return g;
    }

    @Transactional
    public BestInterestsDetermination determineBestInterests(UUID caseId, ProtectionCommand.DetermineBestInterests in) {
        CaseFile c = child(caseId);
        BestInterestsDetermination d = new BestInterestsDetermination();
        d.id = UUID.randomUUID();
        d.caseId = c.id;
        d.supportsReturn = in.supportsReturn();
        d.authority = in.authority();
        d.summary = in.summary();
        d.determinedOn = in.determinedOn();
        d.recordedBy = caller.name();
        d.recordedAt = Instant.now();
        d.persist();
        audit.record(c.id, RESOURCE, AuditAction.WRITE);
        timeline.record(c.id, CaseEventType.BEST_INTERESTS_DETERMINED,
                d.supportsReturn ? "return in the child's best interests" : "return not in the child's best interests");
        return d;
    }

    @Transactional
    public EarlyReturnRequest requestEarlyReturn(UUID caseId, ProtectionCommand.RequestEarlyReturn in) {
        CaseFile c = access.visible(caseId);
        EarlyReturnRequest r = new EarlyReturnRequest();
        r.id = UUID.randomUUID();
        r.caseId = c.id;
        r.requestedOn = Objects.requireNonNullElseGet(in.requestedOn(), () -> LocalDate.now(ZoneOffset.UTC));
        r.language = in.language();
        r.interpreter = in.interpreter();
        r.recordedBy = caller.name();
        r.recordedAt = Instant.now();
        r.persist();
        audit.record(c.id, RESOURCE, AuditAction.WRITE);
        timeline.record(c.id, CaseEventType.EARLY_RETURN_REQUESTED, "the victim asked to return before the reflection period ends");
        return r;
    }

    /**
     * Records an application for, or a grant of, international protection. Either sets
     * do-not-contact-origin at once: the country the person fled must not learn where they are.
     */
    @Transactional
    public CaseFile internationalProtection(UUID caseId, ProtectionCommand.InternationalProtection in) {
        CaseFile c = access.visible(caseId);
        c.internationalProtectionStatus = in.status();
        c.asylumAppliedOn = in.asylumAppliedOn() != null ? in.asylumAppliedOn()
                : in.status() == InternationalProtectionStatus.ASYLUM_SEEKER && c.asylumAppliedOn == null
                        ? LocalDate.now(ZoneOffset.UTC) : c.asylumAppliedOn;
        c.updatedAt = Instant.now();
        timeline.record(c.id, CaseEventType.INTERNATIONAL_PROTECTION_RECORDED, String.valueOf(in.status()));
        if (!c.doNotContactCountryOfOrigin) {
            c.doNotContactCountryOfOrigin = true;
            timeline.record(c.id, CaseEventType.DO_NOT_CONTACT_SET, "country of origin " + c.countryOfOrigin
                    + ": international protection");
        }
        return c;
    }

    /** The determination that counts: the latest one recorded. */
    public Optional<BestInterestsDetermination> latestDetermination(UUID caseId) {
        return BestInterestsDetermination.<BestInterestsDetermination>find("caseId", Sort.by("recordedAt").descending(), caseId)
                .firstResultOptional();
    }

    public boolean earlyReturnRequested(UUID caseId) {
        return EarlyReturnRequest.count("caseId", caseId) > 0;
    }

    private CaseFile child(UUID caseId) {
        CaseFile c = access.visible(caseId);
        if (!c.isChild()) {
            throw new NrmException(ErrorCode.VALIDATION_FAILED, "the case is not a child's (nor is the age disputed)");
        }
        return c;
    }
}
