package org.trm.nrm.proceedings;

public enum ProceedingStatus {
    OPEN, SUSPENDED, CLOSED
}
