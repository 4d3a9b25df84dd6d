package org.trm.model.payload;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A request to organise an assisted, voluntary return; sent only with the victim's consent to
 * return and a risk assessment on record.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReturnRequestPayload(int v, String riskLevel, String riskAssessedAt, String consentGivenAt,
        String plannedDate, String note) {
}
