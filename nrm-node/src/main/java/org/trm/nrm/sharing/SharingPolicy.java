package org.trm.nrm.sharing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.trm.model.code.ConsentScope;
import org.trm.model.code.MessageType;
import org.trm.model.payload.ReferralPayload;
import org.trm.nrm.assistance.Assessment;
import org.trm.nrm.assistance.AssessmentKind;
import org.trm.nrm.assistance.AssessmentRepository;
import org.trm.nrm.audit.AuditAction;
import org.trm.nrm.audit.AuditTrail;
import org.trm.nrm.cases.CaseEventType;
import org.trm.nrm.cases.CaseFile;
import org.trm.nrm.cases.CaseRepository;
import org.trm.nrm.cases.service.CaseTimeline;
import org.trm.nrm.cases.service.ReturnReadiness;
import org.trm.nrm.consent.Consent;
import org.trm.nrm.consent.ConsentService;
import org.trm.nrm.consent.DataCategory;
import org.trm.nrm.person.PersonalData;
import org.trm.nrm.person.PersonalDataRepository;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.NrmException;
import org.trm.nrm.protection.BestInterestsDetermination;
import org.trm.nrm.protection.ProtectionService;
import org.trm.nrm.security.Caller;

/**
 * The one place that decides what of a case may go to another country, and why not, for every
 * message type; and when a return may start. Each rule refuses with its own problem before anything
 * is changed or queued:
 * <ol>
 * <li>never to the country of origin of a case marked do-not-contact, nor of a person who seeks or
 * has international protection;</li>
 * <li>the case's data only under a valid consent to share it with that country, for a child given
 * by the guardian, or a coordinator's audited life-at-risk override;</li>
 * <li>identity data (name, date of birth) only under a separate valid identity-data consent for that
 * country, limited to the data categories it names, or the same audited override;</li>
 * <li>a return only with the victim's consent to return, for a child a best-interests determination
 * that supports it, after the reflection and recovery period unless the victim asked to return
 * early, and with a risk assessment;</li>
 * <li>the country of return told of a return at least the agreement's lead time before the
 * departure, by the request or by a pre-notification (which carries no personal data, and needs the
 * consent to return but not the consent to share the case).</li>
 * </ol>
 * Which cases a caller may see at all is {@code CaseAccess}'s, asked before this policy.
 */
@ApplicationScoped
public class SharingPolicy implements ReturnReadiness {
    private static final String PERSONAL_DATA = "personal-data";
    /** Never to a country the case must not contact. */
    public static final String RULE_CONTACT = "contact";
    /** The case's data under a consent to share it with the country. */
    public static final String RULE_CONSENT = "consent";
    /** Identity data, when asked for, under an identity-data consent for the country. */
    public static final String RULE_IDENTITY_CONSENT = "identity-consent";

    @Inject
    ConsentService consents;

    @Inject
    AssessmentRepository assessments;

    @Inject
    ProtectionService protection;

    @Inject
    PersonalDataRepository people;

    @Inject
    CaseRepository cases;

    @Inject
    CaseTimeline timeline;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    /**
     * What a referral of the case to {@code to} carries beyond its metadata.
     *
     * @param person the identity data allowed, null when none was asked for
     * @param override the documented override, null when consent covered the referral
     * @param reflectionPeriodEnd the period's last day for the partner, null when none is set
     * @param identityConsentId the consent the identity data goes under, null when none goes or by override
     */
    public record Referral(ReferralPayload.SharedPerson person, ReferralPayload.ConsentOverride override,
            String reflectionPeriodEnd, UUID identityConsentId) {
    }

    /** Decides a referral; a life-at-risk override is audited and put on the case's timeline here. */
    public Referral referral(CaseFile c, String to, boolean identityAsked, String overrideReason) {
        requireContactAllowed(c, to);
        boolean overridden = overrideReason != null && !overrideReason.isBlank();
        boolean caseConsent = caseDataConsent(c, to, overridden);
        ReferralPayload.SharedPerson person = null;
        boolean identityOverridden = false;
        UUID identityConsentId = null;
        if (identityAsked) {
            PersonalData data = sharedData(c);
            Optional<Consent> identity = identityConsent(c, to, overridden);
            identityOverridden = identity.isEmpty();
            identityConsentId = identity.map(i -> i.id).orElse(null);
            person = person(data, identity.map(i -> categories(i)).orElse(null));
            audit.record(c.id, PERSONAL_DATA, AuditAction.READ);
        }
        ReferralPayload.ConsentOverride override = null;
        if (!caseConsent || identityOverridden) {
            override = new ReferralPayload.ConsentOverride(overrideReason, caller.name(), Instant.now().toString());
            timeline.record(c.id, CaseEventType.TRANSNATIONAL_CONSENT_OVERRIDE, "referral to " + to + " without "
                    + (caseConsent ? "identity-data consent" : "consent") + ": life at risk");
            audit.record(c.id, "consent-override", AuditAction.WRITE);
        }
        return new Referral(person, override, reflectionEnd(c), identityConsentId);
    }

    /**
     * The rules {@link #referral} applies to a referral of the case to {@code to}, by name, in the
     * order it applies them: each a decision that refuses with the problem the referral would get,
     * and records nothing. Without an override, a referral goes if all of them pass.
     */
    public Map<String, Runnable> referralRules(CaseFile c, String to, boolean identityAsked) {
        Map<String, Runnable> rules = new LinkedHashMap<>();
        rules.put(RULE_CONTACT, () -> requireContactAllowed(c, to));
        rules.put(RULE_CONSENT, () -> caseDataConsent(c, to, false));
        if (identityAsked) {
            rules.put(RULE_IDENTITY_CONSENT, () -> {
                sharedData(c);
                identityConsent(c, to, false);
            });
        }
        return rules;
    }

    /**
     * Whether a later message of a conversation may go: one this country started needs the consent it
     * started under still valid (withdrawn stops it); none goes to a country the case must not contact.
     */
    public void message(UUID caseId, String partner, boolean startedHere, MessageType type) {
        if (caseId == null) {
            return;
        }
        CaseFile c = cases.findById(caseId);
        requireContactAllowed(c, partner);
        if (startedHere) {
            caseDataConsent(c, partner, false);
        }
    }

    /**
     * Decides a return request to a partner node; answers the risk assessment it carries. Beyond the
     * return rules, the partner must hear of the return the agreed {@code leadTime} before
     * {@code plannedDate}: from this request, or earlier from a pre-notification of it, sent on
     * {@code prenotifiedOn}.
     */
    public Assessment returnRequest(UUID caseId, LocalDate plannedDate, Period leadTime, Optional<LocalDate> prenotifiedOn) {
        if (caseId == null) {
            throw new NrmException(ErrorCode.CONSENT_REQUIRED, "a return needs the victim's consent to return");
        }
        Assessment risk = returnRules(cases.findById(caseId));
        LocalDate today = today();
        requireLeadTime(plannedDate, leadTime, prenotifiedOn.filter(today::isAfter).orElse(today));
        return risk;
    }

    /**
     * Decides a pre-notification of a return to {@code to}. It carries nothing about the person, so no
     * consent to share the case is asked for; but the return must be one the victim agreed to (the
     * consent to return, a guardian's for a child), to a country the case may contact, leaving after
     * the reflection and recovery period unless the victim asked to return early, with the agreed
     * notice. The best-interests determination and the risk assessment come with the request itself.
     */
    public void returnPrenotification(CaseFile c, String to, LocalDate departure, Period leadTime) {
        requireContactAllowed(c, to);
        requireReturnConsent(c);
        if (c.reflectionPeriodEnd != null && !departure.isAfter(c.reflectionPeriodEnd) && !protection.earlyReturnRequested(c.id)) {
            throw new NrmException(ErrorCode.REFLECTION_PERIOD_RUNNING, "the departure falls within the reflection and "
                    + "recovery period, which runs until " + c.reflectionPeriodEnd
                    + "; record the victim's own request to return early first");
        }
        requireLeadTime(departure, leadTime, today());
    }

    /** The same rule for the case's own RETURN phase. */
    @Override
    public void requireReady(UUID caseId) {
        returnRules(cases.findById(caseId));
    }

    private Assessment returnRules(CaseFile c) {
        requireReturnConsent(c);
        if (c.isChild()) {
            Optional<BestInterestsDetermination> bid = protection.latestDetermination(c.id);
            if (bid.map(d -> !d.supportsReturn).orElse(true)) {
                throw new NrmException(ErrorCode.BEST_INTERESTS_DETERMINATION_REQUIRED, bid.isPresent()
                        ? "the latest best-interests determination does not support return"
                        : "a child's return needs a best-interests determination");
            }
        }
        LocalDate today = today();
        if (c.reflectionPeriodEnd != null && !today.isAfter(c.reflectionPeriodEnd) && !protection.earlyReturnRequested(c.id)) {
            throw new NrmException(ErrorCode.REFLECTION_PERIOD_RUNNING, "the reflection and recovery period runs until "
                    + c.reflectionPeriodEnd + "; record the victim's own request to return early first");
        }
        return assessments.latest(c.id, AssessmentKind.RISK)
                .orElseThrow(() -> new NrmException(ErrorCode.RISK_ASSESSMENT_REQUIRED, "a return needs a risk assessment"));
    }

    private void requireReturnConsent(CaseFile c) {
        if (consent(c, ConsentScope.RETURN, null).isEmpty()) {
            throw new NrmException(c.isChild() ? ErrorCode.GUARDIAN_CONSENT_REQUIRED : ErrorCode.CONSENT_REQUIRED,
                    "no valid consent to return (scope RETURN)" + (c.isChild() ? " given by the guardian" : ""));
        }
    }

    /**
     * The country of return hears of a departure at least the agreed lead time before it (none agreed:
     * any day from today), counted from {@code noticeOn}, the day it first heard of it.
     */
    private static void requireLeadTime(LocalDate departure, Period leadTime, LocalDate noticeOn) {
        LocalDate today = today();
        LocalDate earliest = leadTime == null ? today : noticeOn.plus(leadTime);
        if (departure.isBefore(today) || departure.isBefore(earliest)) {
            LocalDate possible = earliest.isBefore(today) ? today : earliest;
            throw new NrmException(ErrorCode.LEAD_TIME_TOO_SHORT, (leadTime == null ? "a departure is planned from today on"
                    : "the agreement asks for " + leadTime + " (ISO 8601) of notice before a departure")
                    + "; the earliest departure possible now is " + possible);
        }
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** Whether consent covers the case's data; without it, only an override lets it go. */
    private boolean caseDataConsent(CaseFile c, String to, boolean overridden) {
        if (consent(c, ConsentScope.SHARE_WITH_COUNTRY, to).isPresent()) {
            return true;
        }
        if (!overridden) {
            throw new NrmException(c.isChild() ? ErrorCode.GUARDIAN_CONSENT_REQUIRED : ErrorCode.CONSENT_REQUIRED,
                    "no valid consent to share the case with " + to + (c.isChild() ? " given by the guardian" : ""));
        }
        return false;
    }

    /** A valid consent of the scope; for a child only one its guardian gave counts. */
    private Optional<Consent> consent(CaseFile c, ConsentScope scope, String country) {
        return consents.validFor(c, scope, country);
    }

    private PersonalData sharedData(CaseFile c) {
        return people.findByIdOptional(c.id).orElseThrow(() -> new NrmException(
                ErrorCode.PERSONAL_DATA_NOT_ALLOWED, "the case holds no personal data to share"));
    }

    /** The identity-data consent for {@code to}; without one, only an override lets identity data go. */
    private Optional<Consent> identityConsent(CaseFile c, String to, boolean overridden) {
        Optional<Consent> identity = consent(c, ConsentScope.SHARE_IDENTITY_WITH_COUNTRY, to);
        if (identity.isEmpty() && !overridden) {
            throw new NrmException(identityRefusal(c, to),
                    "no valid consent to share identity data with " + to + (c.isChild() ? " given by the guardian" : ""));
        }
        return identity;
    }

    private static ErrorCode identityRefusal(CaseFile c, String to) {
        return c.isChild() ? ErrorCode.GUARDIAN_CONSENT_REQUIRED : ErrorCode.IDENTITY_CONSENT_REQUIRED;
    }

    private static void requireContactAllowed(CaseFile c, String country) {
        if (c.mustNotContactOrigin() && (country.equals(c.countryOfOrigin) || country.equals(c.citizenship))) {
            throw new NrmException(ErrorCode.DO_NOT_CONTACT, "the case must not be shared with its country of origin");
        }
    }

    /** The categories an identity consent names; null: all identity data. */
    private static Set<DataCategory> categories(Consent consent) {
        if (consent.dataCategories == null || consent.dataCategories.length == 0) {
            return null;
        }
        return Set.copyOf(Arrays.stream(consent.dataCategories).map(DataCategory::valueOf).toList());
    }

    private static ReferralPayload.SharedPerson person(PersonalData p, Set<DataCategory> allowed) {
        boolean name = allowed == null || allowed.contains(DataCategory.NAME);
        boolean birth = allowed == null || allowed.contains(DataCategory.DATE_OF_BIRTH);
        return new ReferralPayload.SharedPerson(name ? p.givenName : null, name ? p.familyName : null,
                birth && p.dateOfBirth != null ? p.dateOfBirth.toString() : null);
    }

    private static String reflectionEnd(CaseFile c) {
        return c.reflectionPeriodEnd == null ? null : c.reflectionPeriodEnd.toString();
    }
}
