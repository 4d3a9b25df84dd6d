package org.trm.nrm.referral.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.trm.model.code.ReferralReason;
import org.trm.nrm.http.CountryCode;
import org.trm.nrm.referral.service.ReferralCommand;

/**
 * A referral of a case to another country's NRM. Personal data travels only when asked for and
 * covered by consent; {@code consentOverrideReason} lets a coordinator send without consent where a
 * life is at risk, which is audited and shown to the partner.
 */
public record ReferralRequest(
        @NotNull @CountryCode String to,
        @NotNull ReferralReason reason,
        @Size(max = 2000) String details,
        boolean includePersonalData,
        @Size(max = 1000) String consentOverrideReason) {
    /** What the service is asked to do, as this request states it. */
    public ReferralCommand toCommand() {
        return new ReferralCommand(to, reason, details, includePersonalData, consentOverrideReason);
    }
}
