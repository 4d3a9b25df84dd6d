package org.trm.nrm.protection.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.trm.nrm.protection.AgeAssessment;
import org.trm.nrm.protection.AgeOutcome;
import org.trm.nrm.protection.BestInterestsDetermination;
import org.trm.nrm.protection.EarlyReturnRequest;
import org.trm.nrm.protection.GuardianAppointment;
import org.trm.nrm.protection.ProtectionService;

/** A case's protection records; {@code child} is true also while the age is disputed. */
public record ProtectionView(boolean child, boolean ageDisputed, List<AgeAssessmentView> ageAssessments,
        List<GuardianView> guardians, List<BestInterestsView> bestInterestsDeterminations,
        List<EarlyReturnView> earlyReturnRequests) {

    public static ProtectionView of(ProtectionService.Records r) {
        return new ProtectionView(r.child(), r.ageDisputed(), r.ageAssessments().stream().map(AgeAssessmentView::of).toList(),
                r.guardians().stream().map(GuardianView::of).toList(),
                r.determinations().stream().map(BestInterestsView::of).toList(),
                r.earlyReturnRequests().stream().map(EarlyReturnView::of).toList());
    }

    public record AgeAssessmentView(UUID id, String method, AgeOutcome outcome, Integer assessedAge, String authority,
            LocalDate assessedOn, String recordedBy, Instant recordedAt) {
        public static AgeAssessmentView of(AgeAssessment a) {
            return new AgeAssessmentView(a.id, a.method, a.outcome, a.assessedAge, a.authority, a.assessedOn, a.recordedBy,
                    a.recordedAt);
        }
    }

    public record GuardianView(UUID id, String guardian, String authority, LocalDate appointedOn, String recordedBy,
            Instant recordedAt) {
        public static GuardianView of(GuardianAppointment g) {
            return new GuardianView(g.id, g.guardian, g.authority, g.appointedOn, g.recordedBy, g.recordedAt);
        }
    }

    public record BestInterestsView(UUID id, boolean supportsReturn, String authority, String summary,
            LocalDate determinedOn, String recordedBy, Instant recordedAt) {
        public static BestInterestsView of(BestInterestsDetermination d) {
            return new BestInterestsView(d.id, d.supportsReturn, d.authority, d.summary, d.determinedOn, d.recordedBy,
                    d.recordedAt);
        }
    }

    public record EarlyReturnView(UUID id, LocalDate requestedOn, String language, String interpreter,
            String recordedBy, Instant recordedAt) {
        public static EarlyReturnView of(EarlyReturnRequest r) {
            return new EarlyReturnView(r.id, r.requestedOn, r.language, r.interpreter, r.recordedBy, r.recordedAt);
        }
    }
}
