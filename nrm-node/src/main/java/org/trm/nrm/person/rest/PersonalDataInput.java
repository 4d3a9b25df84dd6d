package org.trm.nrm.person.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.trm.model.code.Gender;
import org.trm.nrm.person.PersonalDataCommand;

/** The victim's identifying data; every field optional, as little as the case needs. */
public record PersonalDataInput(
        @Size(max = 200) String givenName,
        @Size(max = 200) String familyName,
        @Size(max = 500) String aliases,
        @Past LocalDate dateOfBirth,
        @Size(max = 200) String placeOfBirth,
        Gender gender,
        @Size(max = 200) String languages,
        @Size(max = 500) String address,
        @Size(max = 50) String phone,
        @Email @Size(max = 200) String email,
        @Size(max = 200) String identityDocument,
        @Size(max = 4000) String notes) {
    /** What the service is asked to do, as this request states it. */
    public PersonalDataCommand toCommand() {
        return new PersonalDataCommand(givenName, familyName, aliases, dateOfBirth, placeOfBirth, gender, languages,
                address, phone, email, identityDocument, notes);
    }
}
