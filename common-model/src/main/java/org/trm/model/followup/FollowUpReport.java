package org.trm.model.followup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.trm.model.code.MessageType;
import org.trm.model.directory.FocalPoint;
import org.trm.model.directory.RevisionStatus;
import org.trm.model.envelope.EnvelopeSigner;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.json.Json;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;
import org.trm.model.status.Direction;

/**
 * How one agreement was kept over a period, as one node counted it and signed it
 * (docs/PROTOCOL.md section 16): the revisions in play with their parties and focal points, per
 * revision and direction the referrals and what became of them, and the node's own gateway's
 * transport figures for the same legs. Every referral counted is listed by its conversation and
 * message ids, which the partner's report of the same agreement and period lists too: that is
 * where the two countries' figures meet. Ids and times only, never a case's content.
 *
 * <p>{@code from} and {@code to} are dates, both included, in UTC; {@code asOf} is when the node
 * counted (whether a referral is answered is as of then). {@code gatewayReached} says whether the
 * transport figures are in it.
 */
public record FollowUpReport(int v, String agreement, String country, LocalDate from, LocalDate to, Instant asOf,
        int directoryVersion, List<Revision> revisions, List<Leg> legs, List<Referral> referrals,
        boolean gatewayReached) {
    public static final int VERSION = 1;
    /** Its own {@code typ}: a report can never pass for an envelope, a checkpoint or a manifest. */
    public static final String TYP = "trm-follow-up+jws";
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    public FollowUpReport {
        revisions = List.copyOf(revisions);
        legs = List.copyOf(legs);
        referrals = List.copyOf(referrals);
    }

    /**
     * One revision of the agreement as the node's directory had it when it counted: what the
     * referrals of its legs were measured against.
     */
    public record Revision(int revision, RevisionStatus status, List<String> parties, Instant validFrom,
            Instant validUntil, String responseTime, List<FocalPoint> focalPoints) {
    }

    /** What became of a referral by {@code asOf}. */
    public enum Outcome {
        ACCEPTED,
        DECLINED,
        /** Neither accepted nor declined yet. */
        UNANSWERED,
        /** The consent it went under was withdrawn before an answer: the partner may no longer answer. */
        WITHDRAWN,
        /** It never reached the partner's node (refused or dead on its way): the partner could not answer. */
        FAILED
    }

    /**
     * One referral: sent ({@code from} is the node's country) or received. {@code sentAt} and
     * {@code answeredAt} are on the counting node's clock: for a referral it sent, when it signed it
     * and when the answer arrived; for one it received, when it arrived and when it answered.
     * {@code answerSeconds} is the time between, in whole seconds; {@code answeredLate} an answer
     * later than the revision's agreed response time, {@code unansweredPastAgreed} no answer by
     * {@code asOf} although the agreed time has passed.
     */
    public record Referral(UUID conversationId, UUID messageId, int revision, String from, String to, Instant sentAt,
            Outcome outcome, Instant answeredAt, Long answerSeconds, boolean answeredLate,
            boolean unansweredPastAgreed) {
    }

    /**
     * The referrals of one revision in one direction, from the counting node's side
     * ({@code direction}), and its gateway's transport figures for the same leg (null when the
     * gateway could not be asked). The answer times are nearest-rank percentiles over the answered
     * referrals: the median is the lower one for an even count; null when none was answered.
     */
    public record Leg(int revision, String from, String to, Direction direction, long referrals, long accepted,
            long declined, long unanswered, long withdrawn, long failed, Long medianAnswerSeconds,
            Long p90AnswerSeconds, long answeredLate, long unansweredPastAgreed, Transport transport) {

        public Leg withTransport(Transport t) {
            return new Leg(revision, from, to, direction, referrals, accepted, declined, unanswered, withdrawn, failed,
                    medianAnswerSeconds, p90AnswerSeconds, answeredLate, unansweredPastAgreed, t);
        }
    }

    /**
     * What the node's gateway counted on the leg in the period (envelopes it accepted): envelopes by
     * type, those of them that are dead letters there now, and the failure signals among them.
     */
    public record Transport(Map<MessageType, Long> messages, Map<MessageType, Long> deadLetters, long deadLetterCount,
            long failureSignals) {
    }

    /** Signed with the node's envelope signing key, on the envelopes' signing path. */
    public String sign(EnvelopeSigner signer) {
        return signer.signDocument(this, TYP);
    }

    /**
     * Checks a signed report as any envelope's signature is checked (a key of the node of
     * {@code country} in the directory), then that it is well formed and that its legs are what its
     * referrals add up to: a report whose figures do not follow from what it lists is refused.
     */
    public static FollowUpReport verify(String compactJws, EnvelopeVerifier verifier) {
        EnvelopeVerifier.SignedDocument document = verifier.verifyDocument(compactJws, TYP);
        FollowUpReport report = Json.read(document.payload(), FollowUpReport.class);
        if (report.v != VERSION || report.agreement == null || report.country == null
                || !COUNTRY.matcher(report.country).matches() || report.from == null || report.to == null
                || report.to.isBefore(report.from) || report.asOf == null) {
            throw new ProtocolException(ProblemType.MALFORMED, "not a valid follow-up report");
        }
        if (!report.country.equals(document.signer())) {
            throw new ProtocolException(ProblemType.KEY_NOT_OF_SENDER, "signed with a key of another participant");
        }
        List<Leg> recounted = FollowUpFigures.legs(report.country, report.referrals);
        List<Leg> counted = report.legs.stream().filter(l -> l.referrals() > 0).map(l -> l.withTransport(null)).toList();
        if (!recounted.equals(counted)) {
            throw new ProtocolException(ProblemType.MALFORMED, "the report's figures do not add up to the referrals it lists");
        }
        return report;
    }
}
