package org.trm.nrm.assistance;

/** A needs assessment (what support) or a risk assessment (safety, required before a return). */
public enum AssessmentKind {
    NEEDS, RISK
}
