package org.trm.nrm.referral.rest;

import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.trm.model.code.Phase;
import org.trm.model.code.MessageType;
import org.trm.nrm.referral.service.MessageCommand;

/**
 * A message in a running conversation. Which fields apply depends on {@code type}: CASE_UPDATE
 * (phase, servicesProvided, proceedings, note), INFO_REQUEST and INFO_RESPONSE (text),
 * RETURN_REQUEST (plannedDate, required: the agreed lead time is counted back from it; note),
 * RETURN_FOLLOW_UP (reached, required; contactedOn, only when reached; servicesProvided, note),
 * CASE_CLOSED (outcome).
 */
public record MessageRequest(
        @NotNull MessageType type,
        Phase phase,
        @Size(max = 20) List<@Size(max = 100) String> servicesProvided,
        @Size(max = 2000) String proceedings,
        @Size(max = 2000) String note,
        @Size(max = 4000) String text,
        @FutureOrPresent LocalDate plannedDate,
        @Size(max = 2000) String outcome,
        Boolean reached,
        @PastOrPresent LocalDate contactedOn) {
    /** What the service is asked to do, as this request states it. */
    public MessageCommand toCommand() {
        return new MessageCommand(type, phase, servicesProvided, proceedings, note, text, plannedDate, outcome, reached,
                contactedOn);
    }
}
