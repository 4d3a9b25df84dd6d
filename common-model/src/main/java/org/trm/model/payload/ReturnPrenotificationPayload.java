package org.trm.model.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.trm.model.code.SupportNeed;

/**
 * A return announced to the NRM of the country of return before the case itself is shared: how
 * many people, when, which support to prepare. It has no field for anything about a person (no
 * name, birth date, sex, age, citizenship, document or contact), so that it can go before any
 * consent to share the case does; a later referral or return request names the same
 * {@code reference}.
 *
 * @param reference the sender's reference of the case this return is of, e.g. AT-2026-000123
 * @param persons how many people return together (the person and, say, their children); 1 to 20
 * @param plannedDeparture the planned day of departure, YYYY-MM-DD
 * @param supportNeeds what the country of return is asked to prepare; empty when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReturnPrenotificationPayload(int v, String reference, int persons, String plannedDeparture,
        List<SupportNeed> supportNeeds) {

    /** Most people one pre-notification announces: a family, not a group that would need planning of its own. */
    public static final int MAX_PERSONS = 20;

    public ReturnPrenotificationPayload {
        if (reference == null || reference.isBlank() || reference.length() > 40) {
            throw new IllegalArgumentException("a pre-notification names the sender's reference (at most 40 characters)");
        }
        if (persons < 1 || persons > MAX_PERSONS) {
            throw new IllegalArgumentException("persons is 1 to " + MAX_PERSONS);
        }
        try {
            LocalDate.parse(plannedDeparture == null ? "" : plannedDeparture);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("plannedDeparture is a date, YYYY-MM-DD", e);
        }
        supportNeeds = supportNeeds == null ? List.of() : List.copyOf(supportNeeds);
    }

    public LocalDate departure() {
        return LocalDate.parse(plannedDeparture);
    }
}
