package org.trm.nrm.person;

import java.time.LocalDate;
import org.trm.model.code.Gender;

/** The victim's identifying data to write; every field optional. */
public record PersonalDataCommand(
        String givenName,
        String familyName,
        String aliases,
        LocalDate dateOfBirth,
        String placeOfBirth,
        Gender gender,
        String languages,
        String address,
        String phone,
        String email,
        String identityDocument,
        String notes) {
}
