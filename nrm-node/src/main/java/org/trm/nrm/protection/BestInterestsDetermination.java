package org.trm.nrm.protection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A best-interests determination for a child (UNHCR BID): whether return is in the child's best
 * interests. The latest one is what counts; a new determination supersedes, none is edited.
 */
@Entity
public class BestInterestsDetermination extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID caseId;
    public boolean supportsReturn;
    public String authority;
    public String summary;
    public LocalDate determinedOn;
    public String recordedBy;
    public Instant recordedAt;
}
