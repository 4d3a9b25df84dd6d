package org.trm.nrm.referral.service;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.trm.model.directory.Agreement;
import org.trm.model.directory.FocalPoint;
import org.trm.nrm.problem.NrmException;

/**
 * What the node would decide about a referral of a case to {@code to} if it were sent now, rule by
 * rule: the same rules as the sending, run without recording or queueing anything, so that the
 * console can explain them before the coordinator sends. {@code agreement}: the agreement that
 * would carry it, null when none does. The rules are {@link #PARTNER}, the {@code SharingPolicy}'s
 * ({@code contact}, {@code consent}, {@code identity-consent} when identity data is asked for) and
 * {@link #AGREEMENT}; a coordinator's override (life at risk) lets a referral past the consent rules only.
 */
public record ReferralChecks(String to, boolean sendable, List<Check> checks, AgreementView agreement) {

    /** That the partner is another country, an active participant of the directory. */
    public static final String PARTNER = "partner";
    /** That an agreement in force covers referrals between the two countries. */
    public static final String AGREEMENT = "agreement";

    /**
     * One rule: passed, or the problem the referral would be refused with (type, title, detail as
     * the refusal would say them).
     */
    public record Check(String rule, boolean passed, URI type, String title, String detail) {
        static Check of(String rule, Runnable decision) {
            try {
                decision.run();
                return new Check(rule, true, null, null, null);
            } catch (NrmException refused) {
                return new Check(rule, false, refused.code().type(), refused.code().title(), refused.getMessage());
            }
        }
    }

    /**
     * The revision of the agreement in force between the two countries and what it commits the partner
     * to; {@code responseTime} is the ISO 8601 duration the directory gives it.
     */
    public record AgreementView(String id, int revision, Instant validUntil, String responseTime, FocalPoint partnerFocalPoint) {
        static AgreementView of(Agreement a, String partner) {
            return new AgreementView(a.id(), a.revision(), a.validUntil(),
                    a.responseTime() == null ? null : a.responseTime().toString(),
                    a.focalPoints().stream().filter(f -> f.country().equals(partner)).findFirst().orElse(null));
        }
    }
}
