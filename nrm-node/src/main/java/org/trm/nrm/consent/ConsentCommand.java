package org.trm.nrm.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.trm.model.code.ConsentScope;

/** A consent to record; {@code givenAt} defaults to now. */
public record ConsentCommand(
        ConsentScope scope,
        String country,
        ConsentGiver givenBy,
        String guardian,
        String interpreter,
        String language,
        Instant givenAt,
        String purpose,
        Set<DataCategory> dataCategories,
        LocalDate validUntil) {
}
