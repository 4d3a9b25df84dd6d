package org.trm.nrm.cases.service;

import java.util.UUID;

/**
 * Whether a case may start its return (the SOP's assisted, voluntary and safe return). The rule
 * needs consent and risk assessments, which depend on cases, so it is implemented where those are
 * known ({@code assistance.ReturnReadinessRule}) and cases only ask.
 */
public interface ReturnReadiness {
    /** Refuses, as a problem, a return the case is not ready for. */
    void requireReady(UUID caseId);
}
