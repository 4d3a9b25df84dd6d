package org.trm.nrm.assistance.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.trm.nrm.assistance.ServiceStatus;
import org.trm.nrm.assistance.ServiceUpdateCommand;

/** The provider's answer or progress: a new status and, when done, the outcome (no personal data). */
public record ServiceUpdateInput(@NotNull ServiceStatus status, @Size(max = 1000) String outcome) {
    /** What the service is asked to do, as this request states it. */
    public ServiceUpdateCommand toCommand() {
        return new ServiceUpdateCommand(status, outcome);
    }
}
