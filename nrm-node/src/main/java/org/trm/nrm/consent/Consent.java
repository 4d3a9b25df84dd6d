package org.trm.nrm.consent;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.trm.model.code.ConsentScope;

/** A consent as given, and its withdrawal. Never edited otherwise: a new consent is a new record. */
@Entity
public class Consent extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID caseId;
    @Enumerated(EnumType.STRING)
    public ConsentScope scope;
    /** For SHARE_WITH_COUNTRY and SHARE_IDENTITY_WITH_COUNTRY: the one country the data may go to. */
    public String country;
    @Enumerated(EnumType.STRING)
    public ConsentGiver givenBy;
    /** For a child: the guardian who consented on the child's behalf. */
    public String guardian;
    public String interpreter;
    public String language;
    /** What the victim was told the data is for, in their words or the interpreter's. */
    public String purpose;
    /** {@link DataCategory} names the consent covers; null or empty: the whole of its scope. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] dataCategories;
    /** The last day the consent holds; null: until withdrawn. */
    public LocalDate validUntil;
    public Instant givenAt;
    public String recordedBy;
    public Instant withdrawnAt;
    public String withdrawnRecordedBy;

    public boolean isValid() {
        return withdrawnAt == null && (validUntil == null || !validUntil.isBefore(LocalDate.now(ZoneOffset.UTC)));
    }
}
