package org.trm.nrm.cases.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Set;
import org.trm.model.code.FormOfExploitation;
import org.trm.model.code.Gender;
import org.trm.model.code.IdentificationStatus;
import org.trm.nrm.cases.service.CaseCommand;
import org.trm.nrm.http.CountryCode;

/**
 * A case's metadata as written by a caller (create and update). {@code anonymous} is fixed when the
 * case is created; {@code referringOrganisationId} defaults to the caller's organisation.
 */
public record CaseInput(
        @NotNull IdentificationStatus identificationStatus,
        @NotNull @Size(max = 10) Set<@NotNull FormOfExploitation> formsOfExploitation,
        @CountryCode String citizenship,
        @CountryCode String countryOfOrigin,
        @CountryCode String countryOfExploitation,
        @Size(max = 64) String referringOrganisationId,
        @Size(max = 64) String leadOrganisationId,
        Gender sex,
        @Min(0) @Max(120) Integer ageAtIdentification,
        Boolean anonymous,
        Boolean doNotContactCountryOfOrigin) {
    /** What the service is asked to do, as this request states it. */
    public CaseCommand toCommand() {
        return new CaseCommand(identificationStatus, formsOfExploitation, citizenship, countryOfOrigin,
                countryOfExploitation, referringOrganisationId, leadOrganisationId, sex, ageAtIdentification,
                anonymous, doNotContactCountryOfOrigin);
    }
}
