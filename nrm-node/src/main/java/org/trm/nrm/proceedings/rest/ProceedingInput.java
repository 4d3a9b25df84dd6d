package org.trm.nrm.proceedings.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.trm.nrm.proceedings.ProceedingCommand;
import org.trm.nrm.proceedings.ProceedingKind;
import org.trm.nrm.proceedings.ProceedingStatus;

public record ProceedingInput(
        @NotNull ProceedingKind kind,
        @NotNull ProceedingStatus status,
        @Size(max = 200) String authority,
        @Size(max = 100) String fileReference,
        LocalDate openedOn,
        LocalDate closedOn,
        @Size(max = 500) String outcome) {
    /** What the service is asked to do, as this request states it. */
    public ProceedingCommand toCommand() {
        return new ProceedingCommand(kind, status, authority, fileReference, openedOn, closedOn, outcome);
    }
}
