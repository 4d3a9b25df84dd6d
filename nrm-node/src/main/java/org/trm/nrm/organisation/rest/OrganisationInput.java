package org.trm.nrm.organisation.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.trm.model.code.OrganisationType;
import org.trm.nrm.http.CountryCode;
import org.trm.nrm.organisation.OrganisationCommand;

/** An organisation as written by a node admin; {@code active} defaults to true. */
public record OrganisationInput(
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,63}", message = "must be 2-64 lower-case letters, digits or '-'") String id,
        @NotBlank @Size(max = 200) String name,
        @NotNull OrganisationType type,
        @NotNull @CountryCode String country,
        Boolean active) {
    /** What the service is asked to do, as this request states it. */
    public OrganisationCommand toCommand() {
        return new OrganisationCommand(id, name, type, country, active);
    }
}
