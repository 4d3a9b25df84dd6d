package org.trm.nrm.person;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.trm.model.code.Gender;

/** Who the victim is. One row per case, apart from the case, so that erasing it leaves the history. */
@Entity
public class PersonalData extends PanacheEntityBase {
    @Id
    public UUID caseId;
    public String givenName;
    public String familyName;
    public String aliases;
    public LocalDate dateOfBirth;
    public String placeOfBirth;
    @Enumerated(EnumType.STRING)
    public Gender gender;
    public String languages;
    public String address;
    public String phone;
    public String email;
    public String identityDocument;
    public String notes;
    public Instant updatedAt;
    public String updatedBy;
    @Version
    public int version;
}
