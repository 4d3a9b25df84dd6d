package org.trm.nrm.protection;

/** What an age assessment decided; UNDETERMINED keeps the presumption of minority. */
public enum AgeOutcome {
    CHILD, ADULT, UNDETERMINED
}
