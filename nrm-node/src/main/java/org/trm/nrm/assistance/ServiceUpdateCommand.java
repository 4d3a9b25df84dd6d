package org.trm.nrm.assistance;

/** A provider's new status and, when done, the outcome (no personal data). */
public record ServiceUpdateCommand(
        ServiceStatus status,
        String outcome) {
}
