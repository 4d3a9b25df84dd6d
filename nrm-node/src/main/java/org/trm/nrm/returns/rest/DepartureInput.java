package org.trm.nrm.returns.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import java.time.LocalDate;

/** The day the person left under the return requested, recorded after the fact. */
public record DepartureInput(@NotNull @PastOrPresent LocalDate departedOn) {
}
