package org.trm.nrm.assistance;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A referral of a case to a national service provider, with its status and outcome. */
@Entity
public class ServiceReferral extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID caseId;
    @Enumerated(EnumType.STRING)
    public ServiceType serviceType;
    public String providerOrganisationId;
    @Enumerated(EnumType.STRING)
    public ServiceStatus status;
    public String outcome;
    public Instant requestedAt;
    public String requestedBy;
    public Instant updatedAt;
    @Version
    public int version;
}
