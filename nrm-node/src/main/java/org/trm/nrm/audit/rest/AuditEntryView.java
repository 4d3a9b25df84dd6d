package org.trm.nrm.audit.rest;

import java.time.Instant;
import java.util.UUID;
import org.trm.nrm.audit.AuditEntry;

public record AuditEntryView(long seq, Instant occurredAt, String actor, String organisation, String action,
        String resource, UUID caseId, String prevHash, String hash) {

    public static AuditEntryView of(AuditEntry e) {
        return new AuditEntryView(e.seq, e.occurredAt, e.actor, e.organisation, e.action, e.resource, e.caseId,
                e.prevHash, e.hash);
    }
}
