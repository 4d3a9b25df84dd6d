package org.trm.nrm.consent.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.trm.model.code.ConsentScope;
import org.trm.nrm.consent.ConsentCommand;
import org.trm.nrm.consent.ConsentGiver;
import org.trm.nrm.consent.DataCategory;
import org.trm.nrm.http.CountryCode;

/**
 * A consent being recorded, one facet each. {@code country} is required for SHARE_WITH_COUNTRY and
 * SHARE_IDENTITY_WITH_COUNTRY and refused otherwise; a child's consent is given by a guardian, named in
 * {@code guardian}. {@code givenAt} defaults to now; {@code validUntil} (the last day it holds) to
 * until withdrawn; {@code dataCategories} to the whole of the scope.
 */
public record ConsentInput(
        @NotNull ConsentScope scope,
        @CountryCode String country,
        @NotNull ConsentGiver givenBy,
        @Size(max = 200) String guardian,
        @Size(max = 200) String interpreter,
        @Pattern(regexp = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", message = "must be a BCP 47 language tag such as 'ro' or 'bg'") String language,
        Instant givenAt,
        @Size(max = 500) String purpose,
        @Size(max = 10) Set<@NotNull DataCategory> dataCategories,
        LocalDate validUntil) {
    /** What the service is asked to do, as this request states it. */
    public ConsentCommand toCommand() {
        return new ConsentCommand(scope, country, givenBy, guardian, interpreter, language, givenAt, purpose,
                dataCategories, validUntil);
    }
}
