package org.trm.model.payload;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The receiving NRM's answer: accepted with its own case reference, or declined with a reason. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReferralResponsePayload(int v, boolean accepted, String receiverCaseReference, String reason) {
}
