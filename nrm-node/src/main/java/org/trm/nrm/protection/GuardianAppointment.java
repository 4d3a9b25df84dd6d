package org.trm.nrm.protection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Who was appointed guardian of a child, when and by which authority; a later one supersedes. */
@Entity
public class GuardianAppointment extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID caseId;
    public String guardian;
    public String authority;
    public LocalDate appointedOn;
    public String recordedBy;
    public Instant recordedAt;
}
