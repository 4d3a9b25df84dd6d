package org.trm.model.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * After a return, the country of return reports on the person, at the times the agreement sets
 * after departure; each report answers the earliest follow-up still due at the sending country.
 *
 * @param reached whether the country of return was in touch with the person since the last report
 *     (a report that says the person could not be reached is still the report that was due)
 * @param contactedOn the last day it was, YYYY-MM-DD; only when reached
 * @param servicesProvided the support given since the last report
 * @param note free text
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReturnFollowUpPayload(int v, boolean reached, String contactedOn, List<String> servicesProvided,
        String note) {

    public ReturnFollowUpPayload {
        if (contactedOn != null) {
            if (!reached) {
                throw new IllegalArgumentException("contactedOn is given only when the person was reached");
            }
            try {
                LocalDate.parse(contactedOn);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("contactedOn is a date, YYYY-MM-DD", e);
            }
        }
    }
}
