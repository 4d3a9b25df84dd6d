package org.trm.nrm.consent;

import java.time.Instant;
import java.util.UUID;
import org.trm.model.code.ConsentScope;

/** Fired in the withdrawing transaction, so that whatever sharing it stops stops atomically with it. */
public record ConsentWithdrawn(UUID caseId, UUID consentId, ConsentScope scope, String country, Instant at) {
}
