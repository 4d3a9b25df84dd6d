package org.trm.nrm.cases.rest;

import java.time.Instant;
import org.trm.nrm.cases.CaseEvent;

public record CaseEventView(long id, String type, String detail, String actor, Instant occurredAt) {

    public static CaseEventView of(CaseEvent e) {
        return new CaseEventView(e.id, e.type, e.detail, e.actor, e.occurredAt);
    }
}
