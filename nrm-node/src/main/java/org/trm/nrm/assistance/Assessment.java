package org.trm.nrm.assistance;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A needs or risk assessment. Its summary describes the person, so access to it is audited. */
@Entity
public class Assessment extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID caseId;
    @Enumerated(EnumType.STRING)
    public AssessmentKind kind;
    @Enumerated(EnumType.STRING)
    public RiskLevel riskLevel;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] needs;
    public String summary;
    public Instant assessedAt;
    public String assessedBy;
}
