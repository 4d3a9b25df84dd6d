package org.trm.model.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.trm.model.code.FormOfExploitation;
import org.trm.model.code.Gender;
import org.trm.model.code.IdentificationStatus;
import org.trm.model.code.Phase;
import org.trm.model.code.ReferralReason;

/**
 * A case referred to another country's NRM: by default only what the partner needs to act
 * (HTCDS names in comments); {@code person} is present only when the victim's consent covers
 * sharing personal data with the recipient country, {@code consentOverride} only when a
 * coordinator shared without consent because a life was at risk.
 *
 * @param senderCaseReference the sender's case reference, e.g. AT-2026-000123
 * @param reason HTCDS cas_ReasonForIncomingReferral
 * @param details HTCDS cas_IncomingReferralDetails, free text without identifying data
 * @param gender HTCDS prs_Gender
 * @param citizenship HTCDS prs_Nationality, ISO 3166 alpha-2
 * @param ageBand e.g. "18-24", never a birth date unless in {@code person}
 * @param child whether the victim is under 18, or presumed so while the age is disputed (a guardian
 *     consented on their behalf)
 * @param reflectionPeriodEnd the last day (YYYY-MM-DD) of the reflection and recovery period when one
 *     is running or planned: the partner must not organise a return before it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReferralPayload(int v, String senderCaseReference, ReferralReason reason, String details,
        IdentificationStatus identificationStatus, List<FormOfExploitation> formsOfExploitation,
        String countryOfExploitation, String citizenship, Gender gender, String ageBand, boolean child,
        Phase phase, List<String> needs, SharedPerson person, ConsentOverride consentOverride,
        String reflectionPeriodEnd) {

    /** A referral without a reflection period to tell. */
    public ReferralPayload(int v, String senderCaseReference, ReferralReason reason, String details,
            IdentificationStatus identificationStatus, List<FormOfExploitation> formsOfExploitation,
            String countryOfExploitation, String citizenship, Gender gender, String ageBand, boolean child,
            Phase phase, List<String> needs, SharedPerson person, ConsentOverride consentOverride) {
        this(v, senderCaseReference, reason, details, identificationStatus, formsOfExploitation, countryOfExploitation,
                citizenship, gender, ageBand, child, phase, needs, person, consentOverride, null);
    }

    /** The same referral without its identity data. */
    public ReferralPayload withoutPerson() {
        return new ReferralPayload(v, senderCaseReference, reason, details, identificationStatus, formsOfExploitation,
                countryOfExploitation, citizenship, gender, ageBand, child, phase, needs, null, consentOverride,
                reflectionPeriodEnd);
    }

    /** Personal data shared under consent (HTCDS prs_FirstName, prs_SecondName, prs_Birthdate). */
    public record SharedPerson(String firstName, String lastName, String birthDate) {
    }

    /** A coordinator's documented override of a missing consent where life is at risk. */
    public record ConsentOverride(String reason, String decidedBy, String decidedAt) {
    }
}
