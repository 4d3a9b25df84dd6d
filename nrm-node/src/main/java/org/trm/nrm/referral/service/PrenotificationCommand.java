package org.trm.nrm.referral.service;

import java.time.LocalDate;
import java.util.Set;
import org.trm.model.code.SupportNeed;

/** A return announced to the country of return ahead of the case: how many, when, which support. */
public record PrenotificationCommand(String to, int persons, LocalDate plannedDeparture, Set<SupportNeed> supportNeeds) {
}
