package org.trm.nrm.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** One access to personal data: who, from which organisation, did what to which case's data. */
@Entity
public class AuditEntry extends PanacheEntityBase {
    /** Position in the chain, without gaps: a missing number is a deleted entry. */
    @Id
    public long seq;
    public Instant occurredAt;
    public String actor;
    public String organisation;
    public String action;
    public String resource;
    public UUID caseId;
    public String prevHash;
    public String hash;
}
