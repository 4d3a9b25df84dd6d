package org.trm.nrm.assistance;

import java.util.Set;

/** A needs or risk assessment to record; {@code riskLevel} is required for a RISK assessment. */
public record AssessmentCommand(
        AssessmentKind kind,
        RiskLevel riskLevel,
        Set<Need> needs,
        String summary) {
}
