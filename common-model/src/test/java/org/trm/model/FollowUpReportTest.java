package org.trm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trm.model.Fixtures.AT_SIG;
import static org.trm.model.Fixtures.BG_ENC;
import static org.trm.model.Fixtures.BG_SIG;
import static org.trm.model.Fixtures.DIRECTORY;
import static org.trm.model.Fixtures.NOW;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.trm.model.crypto.BodyCipher;
import org.trm.model.envelope.EnvelopeSigner;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.followup.FollowUpFigures;
import org.trm.model.followup.FollowUpReport;
import org.trm.model.followup.FollowUpReport.Leg;
import org.trm.model.followup.FollowUpReport.Outcome;
import org.trm.model.followup.FollowUpReport.Referral;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;
import org.trm.model.status.Direction;

class FollowUpReportTest {
    private static final Duration AGREED = Duration.ofHours(72);
    private final EnvelopeVerifier verifier = new EnvelopeVerifier(() -> DIRECTORY, Clock.fixed(NOW, ZoneOffset.UTC));

    private static Referral referral(String from, String to, Outcome outcome, Duration sentAgo, Duration took) {
        Instant sent = NOW.minus(sentAgo);
        return FollowUpFigures.referral(UUID.randomUUID(), UUID.randomUUID(), 1, from, to, sent, outcome,
                took == null ? null : sent.plus(took), AGREED, NOW);
    }

    /** AT's side: four sent to BG (two accepted, one declined late, one unanswered past the agreed time), one received. */
    private static List<Referral> scenario() {
        return List.of(
                referral("AT", "BG", Outcome.ACCEPTED, Duration.ofDays(10), Duration.ofHours(5)),
                referral("AT", "BG", Outcome.ACCEPTED, Duration.ofDays(9), Duration.ofHours(1)),
                referral("AT", "BG", Outcome.DECLINED, Duration.ofDays(8), Duration.ofHours(80)),
                referral("AT", "BG", Outcome.UNANSWERED, Duration.ofDays(4), null),
                referral("BG", "AT", Outcome.UNANSWERED, Duration.ofHours(2), null));
    }

    private static FollowUpReport report(List<Referral> referrals) {
        return new FollowUpReport(FollowUpReport.VERSION, "AT-BG", "AT", LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 12, 31), NOW, 1, List.of(), FollowUpFigures.legs("AT", referrals), referrals, false);
    }

    @Test
    void shouldCountEachOutcomeAndTheBreachesWhenALegsReferralsAreAddedUp() {
        List<Leg> legs = FollowUpFigures.legs("AT", scenario());
        assertEquals(2, legs.size());
        Leg sent = legs.get(0);
        assertEquals(Direction.OUTBOUND, sent.direction());
        assertEquals(List.of(4L, 2L, 1L, 1L), List.of(sent.referrals(), sent.accepted(), sent.declined(), sent.unanswered()));
        assertEquals(5 * 3600L, sent.medianAnswerSeconds(), "the median of 1 h, 5 h and 80 h");
        assertEquals(80 * 3600L, sent.p90AnswerSeconds());
        assertEquals(1, sent.answeredLate(), "80 h is later than the agreed 72 h");
        assertEquals(1, sent.unansweredPastAgreed(), "unanswered for 4 days");
        Leg received = legs.get(1);
        assertEquals(Direction.INBOUND, received.direction());
        assertEquals(0, received.unansweredPastAgreed(), "unanswered for 2 hours only");
        assertNull(received.medianAnswerSeconds());
    }

    @Test
    void shouldTakeTheNearestRankWhenAPercentileFallsBetweenValues() {
        List<Long> ten = new ArrayList<>();
        for (long i = 1; i <= 10; i++) {
            ten.add(i);
        }
        assertEquals(5L, FollowUpFigures.percentile(ten, 50));
        assertEquals(9L, FollowUpFigures.percentile(ten, 90));
        assertEquals(7L, FollowUpFigures.percentile(List.of(7L), 90));
        assertEquals(1L, FollowUpFigures.percentile(List.of(1L, 2L), 50));
        assertNull(FollowUpFigures.percentile(List.of(), 50));
    }

    @Test
    void shouldNotCallAnAnswerLateWhenItTookExactlyTheAgreedTime() {
        Referral exact = referral("AT", "BG", Outcome.ACCEPTED, Duration.ofDays(5), AGREED);
        assertFalse(exact.answeredLate());
        assertTrue(referral("AT", "BG", Outcome.ACCEPTED, Duration.ofDays(5), AGREED.plusSeconds(1)).answeredLate());
        Referral unknownTerms = FollowUpFigures.referral(UUID.randomUUID(), UUID.randomUUID(), 9, "AT", "BG",
                NOW.minus(Duration.ofDays(30)), Outcome.UNANSWERED, null, null, NOW);
        assertFalse(unknownTerms.unansweredPastAgreed(), "a revision no longer known has no agreed time to be past");
    }

    @Test
    void shouldRoundTripWhenSignedByTheCountrysNodeKey() {
        FollowUpReport report = report(scenario());
        assertEquals(report, FollowUpReport.verify(report.sign(new EnvelopeSigner(AT_SIG)), verifier));
    }

    @Test
    void shouldRefuseReportSignedByAnotherCountrysKey() {
        String jws = report(scenario()).sign(new EnvelopeSigner(BG_SIG));
        assertEquals(ProblemType.KEY_NOT_OF_SENDER,
                assertThrows(ProtocolException.class, () -> FollowUpReport.verify(jws, verifier)).problem());
    }

    @Test
    void shouldRefuseReportWhoseFiguresDoNotFollowFromItsReferrals() {
        FollowUpReport honest = report(scenario());
        Leg sent = honest.legs().get(0);
        Leg better = new Leg(sent.revision(), sent.from(), sent.to(), sent.direction(), sent.referrals(), sent.accepted() + 1,
                sent.declined() - 1, sent.unanswered(), sent.withdrawn(), sent.failed(), sent.medianAnswerSeconds(),
                sent.p90AnswerSeconds(), 0, sent.unansweredPastAgreed(), null);
        FollowUpReport embellished = new FollowUpReport(honest.v(), honest.agreement(), honest.country(), honest.from(),
                honest.to(), honest.asOf(), honest.directoryVersion(), honest.revisions(),
                List.of(better, honest.legs().get(1)), honest.referrals(), false);
        String jws = embellished.sign(new EnvelopeSigner(AT_SIG));
        assertEquals(ProblemType.MALFORMED,
                assertThrows(ProtocolException.class, () -> FollowUpReport.verify(jws, verifier)).problem());
    }

    @Test
    void shouldRefuseAnEnvelopeAsAReport() {
        String envelope = new EnvelopeSigner(AT_SIG).sign(Fixtures.referral("AT", "BG", BodyCipher.encrypt("{\"v\":1}", BG_ENC)));
        assertEquals(ProblemType.MALFORMED,
                assertThrows(ProtocolException.class, () -> FollowUpReport.verify(envelope, verifier)).problem());
    }
}
