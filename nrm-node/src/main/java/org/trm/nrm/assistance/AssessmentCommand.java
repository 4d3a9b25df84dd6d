package org.trm.nrm.assistance;

import java.util.Set;
import org.trm.model.code.SupportNeed;

/** A needs or risk assessment to record; {@code riskLevel} is required for a RISK assessment. */
public record AssessmentCommand(
        AssessmentKind kind,
        RiskLevel riskLevel,
        Set<SupportNeed> needs,
        String summary) {
}
