package org.trm.nrm.protection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The victim's own request to return before the reflection and recovery period ends: the only
 * thing that lets a return be requested while the period runs.
 */
@Entity
public class EarlyReturnRequest extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID caseId;
    public LocalDate requestedOn;
    public String language;
    public String interpreter;
    public String recordedBy;
    public Instant recordedAt;
}
