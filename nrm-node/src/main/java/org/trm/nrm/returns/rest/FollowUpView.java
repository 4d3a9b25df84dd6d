package org.trm.nrm.returns.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.trm.nrm.returns.FollowUpService;
import org.trm.nrm.returns.ReturnFollowUp;

/**
 * A follow-up the country of return owes after a return: which case and conversation, the how-many-th
 * after the departure, due when, and where it stands today (DUE, OVERDUE, RECEIVED, with the report
 * that answered it). Dates only, never personal data.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FollowUpView(UUID id, UUID caseId, String caseReference, UUID conversationId, String partner, int seq,
        LocalDate dueOn, ReturnFollowUp.State state, UUID receivedMessageId, Instant receivedAt) {

    public static FollowUpView of(FollowUpService.Item item) {
        ReturnFollowUp f = item.followUp();
        return new FollowUpView(f.id, f.caseId, item.caseReference(), f.conversationId, f.partner, f.seq, f.dueOn,
                item.state(), f.receivedMessageId, f.receivedAt);
    }
}
