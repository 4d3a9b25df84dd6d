package org.trm.nrm.referral.rest;

import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Set;
import org.trm.model.code.SupportNeed;
import org.trm.model.payload.ReturnPrenotificationPayload;
import org.trm.nrm.http.CountryCode;
import org.trm.nrm.referral.service.PrenotificationCommand;

/**
 * A return announced to the NRM of the country of return ahead of the case: to whom, how many
 * people, the planned day of departure, which support to prepare. Nothing else can be given: the
 * message has no field for anything about a person.
 */
public record PrenotificationInput(
        @NotNull @CountryCode String to,
        @NotNull @Min(1) @Max(ReturnPrenotificationPayload.MAX_PERSONS) Integer persons,
        @NotNull @FutureOrPresent LocalDate plannedDeparture,
        @Size(max = 20) Set<@NotNull SupportNeed> supportNeeds) {
    /** What the service is asked to do, as this request states it. */
    public PrenotificationCommand toCommand() {
        return new PrenotificationCommand(to, persons, plannedDeparture, supportNeeds);
    }
}
