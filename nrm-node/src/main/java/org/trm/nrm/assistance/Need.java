package org.trm.nrm.assistance;

/** Areas of support a needs assessment can name. */
public enum Need {
    ACCOMMODATION, MEDICAL, PSYCHOLOGICAL, LEGAL, INTERPRETATION, FINANCIAL, EDUCATION, EMPLOYMENT,
    CHILD_PROTECTION, SAFETY, DOCUMENTS
}
