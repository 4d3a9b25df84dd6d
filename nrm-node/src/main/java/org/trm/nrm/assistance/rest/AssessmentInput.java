package org.trm.nrm.assistance.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Set;
import org.trm.nrm.assistance.AssessmentCommand;
import org.trm.nrm.assistance.AssessmentKind;
import org.trm.model.code.SupportNeed;
import org.trm.nrm.assistance.RiskLevel;

/** A needs or risk assessment; {@code riskLevel} is required for a RISK assessment. */
public record AssessmentInput(
        @NotNull AssessmentKind kind,
        RiskLevel riskLevel,
        @Size(max = 20) Set<@NotNull SupportNeed> needs,
        @Size(max = 4000) String summary) {
    /** What the service is asked to do, as this request states it. */
    public AssessmentCommand toCommand() {
        return new AssessmentCommand(kind, riskLevel, needs, summary);
    }
}
