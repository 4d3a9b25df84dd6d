package org.trm.nrm.assistance.rest;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.trm.nrm.assistance.Assessment;
import org.trm.nrm.assistance.AssessmentKind;
import org.trm.model.code.SupportNeed;
import org.trm.nrm.assistance.RiskLevel;

public record AssessmentView(UUID id, UUID caseId, AssessmentKind kind, RiskLevel riskLevel, List<SupportNeed> needs,
        String summary, Instant assessedAt, String assessedBy) {

    public static AssessmentView of(Assessment a) {
        return new AssessmentView(a.id, a.caseId, a.kind, a.riskLevel, Arrays.stream(a.needs).map(SupportNeed::valueOf).toList(),
                a.summary, a.assessedAt, a.assessedBy);
    }
}
