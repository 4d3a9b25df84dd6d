package org.trm.nrm.referral.service;

import org.trm.model.code.ReferralReason;

/** A referral of a case to another country's NRM; personal data only when asked for and consented to. */
public record ReferralCommand(
        String to,
        ReferralReason reason,
        String details,
        boolean includePersonalData,
        String consentOverrideReason) {
}
