package org.trm.nrm.proceedings;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.util.UUID;

/** A criminal, civil or administrative proceeding; it runs alongside the case whatever its phase. */
@Entity
public class Proceeding extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID caseId;
    @Enumerated(EnumType.STRING)
    public ProceedingKind kind;
    @Enumerated(EnumType.STRING)
    public ProceedingStatus status;
    public String authority;
    public String fileReference;
    public LocalDate openedOn;
    public LocalDate closedOn;
    public String outcome;
    @Version
    public int version;
}
