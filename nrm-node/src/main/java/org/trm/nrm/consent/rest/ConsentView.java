package org.trm.nrm.consent.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.trm.model.code.ConsentScope;
import org.trm.nrm.consent.Consent;
import org.trm.nrm.consent.ConsentGiver;
import org.trm.nrm.consent.DataCategory;

public record ConsentView(UUID id, UUID caseId, ConsentScope scope, String country, ConsentGiver givenBy,
        String guardian, String interpreter, String language, String purpose, List<DataCategory> dataCategories,
        LocalDate validUntil, Instant givenAt, String recordedBy, boolean valid, Instant withdrawnAt,
        String withdrawnRecordedBy) {

    public static ConsentView of(Consent c) {
        return new ConsentView(c.id, c.caseId, c.scope, c.country, c.givenBy, c.guardian, c.interpreter, c.language,
                c.purpose, c.dataCategories == null ? List.of() : Arrays.stream(c.dataCategories).map(DataCategory::valueOf).toList(),
                c.validUntil, c.givenAt, c.recordedBy, c.isValid(), c.withdrawnAt, c.withdrawnRecordedBy);
    }
}
