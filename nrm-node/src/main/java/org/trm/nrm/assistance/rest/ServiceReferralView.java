package org.trm.nrm.assistance.rest;

import java.time.Instant;
import java.util.UUID;
import org.trm.nrm.assistance.ServiceReferral;
import org.trm.nrm.assistance.ServiceStatus;
import org.trm.nrm.assistance.ServiceType;

public record ServiceReferralView(UUID id, UUID caseId, ServiceType serviceType, String providerOrganisationId,
        ServiceStatus status, String outcome, Instant requestedAt, String requestedBy, Instant updatedAt, int version) {

    public static ServiceReferralView of(ServiceReferral s) {
        return new ServiceReferralView(s.id, s.caseId, s.serviceType, s.providerOrganisationId, s.status, s.outcome,
                s.requestedAt, s.requestedBy, s.updatedAt, s.version);
    }
}
