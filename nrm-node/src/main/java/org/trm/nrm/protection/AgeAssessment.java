package org.trm.nrm.protection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An assessment of a disputed age, by whom and how; a record, never edited. */
@Entity
public class AgeAssessment extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID caseId;
    public String method;
    @Enumerated(EnumType.STRING)
    public AgeOutcome outcome;
    public Integer assessedAge;
    public String authority;
    public LocalDate assessedOn;
    public String recordedBy;
    public Instant recordedAt;
}
