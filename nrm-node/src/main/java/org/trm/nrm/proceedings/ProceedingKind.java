package org.trm.nrm.proceedings;

public enum ProceedingKind {
    CRIMINAL, CIVIL, ADMINISTRATIVE
}
