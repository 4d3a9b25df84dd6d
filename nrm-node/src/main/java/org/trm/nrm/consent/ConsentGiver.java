package org.trm.nrm.consent;

/** Who gave a consent: the victim, or for a child the guardian. */
public enum ConsentGiver {
    VICTIM, GUARDIAN
}
