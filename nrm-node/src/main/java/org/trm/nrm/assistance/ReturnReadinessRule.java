package org.trm.nrm.assistance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.trm.model.code.ConsentScope;
import org.trm.nrm.cases.service.ReturnReadiness;
import org.trm.nrm.consent.ConsentService;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.NrmException;

/**
 * The one rule for when a return may start, for the case's RETURN phase and for a return request
 * to a partner alike: a valid consent to return, and a risk assessment.
 */
@ApplicationScoped
public class ReturnReadinessRule implements ReturnReadiness {

    @Inject
    ConsentService consents;

    @Inject
    AssessmentRepository assessments;

    @Override
    public void requireReady(UUID caseId) {
        riskAssessment(caseId);
    }

    /** The latest risk assessment of a case ready for return; a case not ready is refused. */
    public Assessment riskAssessment(UUID caseId) {
        if (!consents.covers(caseId, ConsentScope.RETURN, null)) {
            throw new NrmException(ErrorCode.CONSENT_REQUIRED, "the victim has not consented to return (scope RETURN)");
        }
        return assessments.latest(caseId, AssessmentKind.RISK)
                .orElseThrow(() -> new NrmException(ErrorCode.RISK_ASSESSMENT_REQUIRED, "a return needs a risk assessment"));
    }
}
