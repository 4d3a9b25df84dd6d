package org.trm.nrm.assistance.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.trm.nrm.assistance.ServiceReferralCommand;
import org.trm.nrm.assistance.ServiceType;

/** Refers a case to a national service provider. */
public record ServiceReferralInput(@NotNull ServiceType serviceType, @NotBlank @Size(max = 64) String providerOrganisationId) {
    /** What the service is asked to do, as this request states it. */
    public ServiceReferralCommand toCommand() {
        return new ServiceReferralCommand(serviceType, providerOrganisationId);
    }
}
