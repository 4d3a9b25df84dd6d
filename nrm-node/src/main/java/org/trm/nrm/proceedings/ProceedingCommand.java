package org.trm.nrm.proceedings;

import java.time.LocalDate;

/** A criminal or civil proceeding to record or change. */
public record ProceedingCommand(
        ProceedingKind kind,
        ProceedingStatus status,
        String authority,
        String fileReference,
        LocalDate openedOn,
        LocalDate closedOn,
        String outcome) {
}
