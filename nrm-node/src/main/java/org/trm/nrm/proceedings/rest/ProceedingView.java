package org.trm.nrm.proceedings.rest;

import java.time.LocalDate;
import java.util.UUID;
import org.trm.nrm.proceedings.Proceeding;
import org.trm.nrm.proceedings.ProceedingKind;
import org.trm.nrm.proceedings.ProceedingStatus;

public record ProceedingView(UUID id, UUID caseId, ProceedingKind kind, ProceedingStatus status, String authority,
        String fileReference, LocalDate openedOn, LocalDate closedOn, String outcome, int version) {

    public static ProceedingView of(Proceeding p) {
        return new ProceedingView(p.id, p.caseId, p.kind, p.status, p.authority, p.fileReference, p.openedOn,
                p.closedOn, p.outcome, p.version);
    }
}
