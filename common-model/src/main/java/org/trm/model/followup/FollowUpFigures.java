package org.trm.model.followup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.trm.model.code.MessageType;
import org.trm.model.followup.FollowUpReport.Leg;
import org.trm.model.followup.FollowUpReport.Outcome;
import org.trm.model.followup.FollowUpReport.Referral;
import org.trm.model.status.Direction;
import org.trm.model.status.MessageState;

/**
 * The follow-up arithmetic, as pure functions: what one referral counts as, and what a leg's
 * referrals add up to. One place, so that the node that makes a report and whoever checks one
 * (FollowUpReport#verify) count alike.
 */
public final class FollowUpFigures {
    /** Legs in the order a report lists them: by revision, the node's own referrals first, then by countries. */
    public static final Comparator<Leg> ORDER = Comparator.comparingInt(Leg::revision)
            .thenComparing(Leg::direction).thenComparing(Leg::from).thenComparing(Leg::to);

    private FollowUpFigures() {
    }

    /**
     * One referral as of {@code asOf}, measured against the agreed response time of the revision it
     * travelled under ({@code agreed}; null when that revision is no longer known, and then it is
     * neither late nor past it). {@code answeredAt} is null unless it was accepted or declined.
     */
    public static Referral referral(UUID conversationId, UUID messageId, int revision, String from, String to,
            Instant sentAt, Outcome outcome, Instant answeredAt, Duration agreed, Instant asOf) {
        boolean answered = outcome == Outcome.ACCEPTED || outcome == Outcome.DECLINED;
        if (answered != (answeredAt != null)) {
            throw new IllegalArgumentException("an answered referral has an answer time, and only such a one");
        }
        Duration took = answered ? Duration.between(sentAt, answeredAt) : null;
        boolean late = answered && agreed != null && took.compareTo(agreed) > 0;
        boolean overdue = outcome == Outcome.UNANSWERED && agreed != null
                && Duration.between(sentAt, asOf).compareTo(agreed) > 0;
        return new Referral(conversationId, messageId, revision, from, to, sentAt, outcome, answeredAt,
                took == null ? null : Math.max(0, took.toSeconds()), late, overdue);
    }

    /** The legs {@code referrals} fall into, seen from {@code country}'s node, each with its figures; no transport. */
    public static List<Leg> legs(String country, List<Referral> referrals) {
        Map<List<Object>, List<Referral>> byLeg = new LinkedHashMap<>();
        for (Referral r : referrals) {
            byLeg.computeIfAbsent(List.of(r.revision(), r.from(), r.to()), k -> new ArrayList<>()).add(r);
        }
        List<Leg> legs = new ArrayList<>();
        for (List<Referral> leg : byLeg.values()) {
            Referral first = leg.get(0);
            Direction direction = first.from().equals(country) ? Direction.OUTBOUND : Direction.INBOUND;
            List<Long> times = leg.stream().map(Referral::answerSeconds).filter(t -> t != null).sorted().toList();
            legs.add(new Leg(first.revision(), first.from(), first.to(), direction, leg.size(),
                    count(leg, Outcome.ACCEPTED), count(leg, Outcome.DECLINED), count(leg, Outcome.UNANSWERED),
                    count(leg, Outcome.WITHDRAWN), count(leg, Outcome.FAILED), percentile(times, 50),
                    percentile(times, 90), leg.stream().filter(Referral::answeredLate).count(),
                    leg.stream().filter(Referral::unansweredPastAgreed).count(), null));
        }
        legs.sort(ORDER);
        return legs;
    }

    /**
     * The legs with their gateway's transport figures: each leg gets what the gateway counted on it
     * (nothing counted is zero, not unknown), and a leg the gateway carried envelopes on without a
     * referral (answers, updates) is added with no referral figures.
     */
    public static List<Leg> withTransport(String country, List<Leg> legs, TransportFigures figures) {
        Map<List<Object>, List<TransportFigures.Count>> byLeg = new LinkedHashMap<>();
        for (TransportFigures.Count c : figures.counts()) {
            byLeg.computeIfAbsent(List.of(c.revision(), c.from(), c.to()), k -> new ArrayList<>()).add(c);
        }
        List<Leg> joined = new ArrayList<>();
        for (Leg leg : legs) {
            joined.add(leg.withTransport(transport(byLeg.remove(List.of(leg.revision(), leg.from(), leg.to())))));
        }
        for (List<TransportFigures.Count> counts : byLeg.values()) {
            TransportFigures.Count c = counts.get(0);
            joined.add(new Leg(c.revision(), c.from(), c.to(), c.from().equals(country) ? Direction.OUTBOUND
                    : Direction.INBOUND, 0, 0, 0, 0, 0, 0, null, null, 0, 0, transport(counts)));
        }
        joined.sort(ORDER);
        return joined;
    }

    private static FollowUpReport.Transport transport(List<TransportFigures.Count> counts) {
        Map<MessageType, Long> messages = new EnumMap<>(MessageType.class);
        Map<MessageType, Long> dead = new EnumMap<>(MessageType.class);
        for (TransportFigures.Count c : counts == null ? List.<TransportFigures.Count>of() : counts) {
            messages.merge(c.type(), c.messages(), Long::sum);
            if (c.state() == MessageState.DEAD) {
                dead.merge(c.type(), c.messages(), Long::sum);
            }
        }
        return new FollowUpReport.Transport(messages, dead, dead.values().stream().mapToLong(Long::longValue).sum(),
                messages.getOrDefault(MessageType.DELIVERY_FAILURE, 0L));
    }

    /**
     * The nearest-rank percentile of sorted values: the smallest value that at least {@code p}
     * percent of them do not exceed (the lower median for an even count); null for none.
     */
    public static Long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        // ceil(p/100 * n) in integers: no floating-point rounding decides a rank.
        int rank = (p * sorted.size() + 99) / 100;
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private static long count(List<Referral> leg, Outcome outcome) {
        return leg.stream().filter(r -> r.outcome() == outcome).count();
    }
}
