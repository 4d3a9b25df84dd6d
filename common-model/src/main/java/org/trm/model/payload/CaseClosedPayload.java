package org.trm.model.payload;

/** The sender closed its side of the case. */
public record CaseClosedPayload(int v, String outcome) {
}
