package org.trm.nrm.person.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.trm.model.code.Gender;
import org.trm.nrm.person.PersonalData;

public record PersonalDataView(UUID caseId, String givenName, String familyName, String aliases, LocalDate dateOfBirth,
        String placeOfBirth, Gender gender, String languages, String address, String phone, String email,
        String identityDocument, String notes, Instant updatedAt, String updatedBy, int version) {

    public static PersonalDataView of(PersonalData p) {
        return new PersonalDataView(p.caseId, p.givenName, p.familyName, p.aliases, p.dateOfBirth, p.placeOfBirth,
                p.gender, p.languages, p.address, p.phone, p.email, p.identityDocument, p.notes, p.updatedAt,
                p.updatedBy, p.version);
    }
}
