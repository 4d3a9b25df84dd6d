package org.trm.nrm.statistics.federation;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.trm.model.code.MessageType;
import org.trm.model.directory.Coverage;
import org.trm.model.directory.Directory;
import org.trm.model.directory.Participant;
import org.trm.model.json.Json;
import org.trm.model.payload.Payloads;
import org.trm.model.payload.StatsAbortPayload;
import org.trm.model.payload.StatsPartialPayload;
import org.trm.model.payload.StatsRequestPayload;
import org.trm.model.payload.StatsSharesPayload;
import org.trm.model.problem.ProblemType;
import org.trm.model.statistics.FederationLayout;
import org.trm.model.statistics.SecureSum;
import org.trm.nrm.NrmConfig;
import org.trm.nrm.audit.AuditAction;
import org.trm.nrm.audit.AuditTrail;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.NrmException;
import org.trm.nrm.referral.Federation;
import org.trm.nrm.referral.service.MessageReceived;
import org.trm.nrm.referral.service.RoundChannel;
import org.trm.nrm.statistics.StatisticalTablesService;
import org.trm.nrm.statistics.table.ReleasedTables;

/**
 * Federation statistics by secure aggregation (docs/PROTOCOL.md section 17). As requester: starts a
 * round over the directory's active participants (less those excluded), adds up the partial sums and
 * releases the federation's tables, or fails the round naming who did not answer in time. As
 * participant: counts, sends each other participant a seed, adds what it received to its own share
 * and gives the requester that partial sum only. Every step runs in the transaction that takes the
 * message causing it, so that a refused delivery changes nothing and is tried again.
 */
@ApplicationScoped
public class FederationRounds {
    private static final Logger LOG = Logger.getLogger(FederationRounds.class);
    /** No sum of counts comes near this: a larger one means a partial sum that does not belong. */
    private static final long PLAUSIBLE = 1L << 40;

    @Inject
    Federation federation;

    @Inject
    NrmConfig config;

    @Inject
    StatisticsRoundRepository rounds;

    @Inject
    RoundChannel channel;

    @Inject
    StatisticalTablesService tables;

    @Inject
    AuditTrail audit;

    /** The problem a failed round ended with, and whom it is about. */
    public record RoundProblem(ProblemType type, List<String> countries, String detail) {
    }

    /** A round as its requester shows it: the released tables once COMPLETE, the problem once FAILED. */
    public record RoundView(UUID id, StatisticsRound.State state, String requester, List<String> participants,
            Integer lastYear, Instant deadline, Instant createdAt, Instant finishedAt, ReleasedTables tables,
            RoundProblem problem) {
    }

    /** Starts a round; the participants are the directory's active ones except {@code exclude}. */
    @Transactional
    public RoundView start(Set<String> exclude) {
        String own = federation.country();
        Directory directory = federation.directory();
        for (String c : exclude) {
            if (directory.participant(c).isEmpty()) {
                throw new NrmException(ErrorCode.VALIDATION_FAILED, "exclude: " + c + " is no participant of the federation");
            }
        }
        if (exclude.contains(own)) {
            throw new NrmException(ErrorCode.VALIDATION_FAILED, "exclude: the requester takes part in its own round");
        }
        List<String> participants = directory.participants().stream().filter(Participant::active).map(Participant::country)
                .filter(c -> !exclude.contains(c)).sorted().toList();
        if (participants.size() < StatsRequestPayload.MIN_PARTICIPANTS) {
            throw new NrmException(ProblemType.TOO_FEW_PARTICIPANTS, "the round would have " + participants.size()
                    + " participants: " + String.join(", ", participants));
        }
        Instant now = Instant.now();
        requireCovered(directory, own, participants, now).ifPresent(refused -> {
            throw new NrmException(refused.problem(), refused.detail());
        });
        overlapping(participants, now).ifPresent(country -> {
            throw new NrmException(ProblemType.STATISTICS_ROUND_OVERLAPS, "a round of the last "
                    + config.statisticsOverlapWindow().toHours() + " h had the same participants " + (participants.contains(country)
                    ? "but " + country : "and " + country) + ": wait, or leave out another country as well");
        });
        StatsRequestPayload request = new StatsRequestPayload(Payloads.VERSION, UUID.randomUUID(), own, participants,
                FederationLayout.VERSION, now.atZone(ZoneOffset.UTC).getYear(), now.plus(config.statisticsRoundTimeout()));
        StatisticsRound round = new StatisticsRound();
        round.id = request.round();
        round.state = StatisticsRound.State.RUNNING;
        round.createdAt = now;
        round.deadline = request.deadline();
        take(round, request);
        round.partials = Json.write(new TreeMap<String, String>());
        rounds.persist(round);
        for (String p : participants) {
            if (!p.equals(own)) {
                channel.send(round.id, p, MessageType.STATS_REQUEST, request, request);
            }
        }
        shareOut(round, request.layoutOf());
        audit.record(null, "statistics-round/" + round.id + "/requested", AuditAction.AGGREGATE);
        LOG.infof("statistics round %s requested of %s", round.id, participants);
        return view(round);
    }

    @Transactional
    public Optional<RoundView> find(UUID id) {
        return rounds.findByIdOptional(id).filter(r -> federation.country().equals(r.requester)).map(this::view);
    }

    @Transactional
    public List<RoundView> recent() {
        return rounds.requestedBy(federation.country(), 20).stream().map(r -> withoutTables(view(r))).toList();
    }

    /** Takes a message of a round, in the inbox's transaction. */
    void onReceived(@Observes MessageReceived received) {
        if (!received.type().statistics()) {
            return;
        }
        switch (received.type()) {
            case STATS_REQUEST -> request((StatsRequestPayload) received.payload(), received.partner());
            case STATS_SHARES -> shares((StatsSharesPayload) received.payload(), received.partner());
            case STATS_PARTIAL -> partial((StatsPartialPayload) received.payload(), received.partner());
            case STATS_ABORT -> abort((StatsAbortPayload) received.payload(), received.partner());
            default -> throw new IllegalStateException("not a statistics message: " + received.type());
        }
    }

    private StatisticsRound locked(UUID id) {
        return rounds.locked(id, Instant.now().plus(config.statisticsRoundTimeout().multipliedBy(2)));
    }

    private void request(StatsRequestPayload request, String from) {
        StatisticsRound round = locked(request.round());
        if (!round.open() || round.requester != null) {
            return; // a round called off, answered or already asked: nothing more to do for it
        }
        String own = federation.country();
        Instant now = Instant.now();
        round.requester = from;
        round.participants = String.join(",", request.participants());
        round.deadline = request.deadline();
        ProblemType refusal = null;
        String detail = null;
        List<String> about = List.of();
        Optional<Coverage.Refused> uncovered;
        Optional<String> overlap;
        if (!from.equals(request.requester()) || !request.participants().contains(own)) {
            refusal = ProblemType.STATISTICS_ROUND_INVALID;
            detail = "the request names another requester, or not this country";
        } else if (!FederationLayout.VERSION.equals(request.layout())) {
            refusal = ProblemType.STATISTICS_ROUND_INVALID;
            detail = "this node counts layout " + FederationLayout.VERSION + ", not " + request.layout();
        } else if (request.participants().size() < StatsRequestPayload.MIN_PARTICIPANTS) {
            refusal = ProblemType.TOO_FEW_PARTICIPANTS;
            detail = "a round needs at least " + StatsRequestPayload.MIN_PARTICIPANTS + " participants";
        } else if (!request.deadline().isAfter(now)) {
            fail(round, ProblemType.STATISTICS_ROUND_INCOMPLETE, List.of(), "the request arrived after the round's deadline");
            return;
        } else if ((uncovered = requireCovered(federation.directory(), from, request.participants(), now)).isPresent()) {
            refusal = uncovered.get().problem();
            detail = uncovered.get().detail();
        } else if ((overlap = overlapping(request.participants(), now)).isPresent()) {
            refusal = ProblemType.STATISTICS_ROUND_OVERLAPS;
            about = List.of(overlap.get());
            detail = own + " answered a round of the last " + config.statisticsOverlapWindow().toHours()
                    + " h whose participants differ from this one's by " + overlap.get() + " only";
        }
        if (refusal != null) {
            channel.send(round.id, from, MessageType.STATS_ABORT,
                    new StatsAbortPayload(Payloads.VERSION, round.id, refusal, about, detail), null);
            fail(round, refusal, about, detail);
            LOG.infof("statistics round %s of %s refused: %s", round.id, from, refusal);
            return;
        }
        round.state = StatisticsRound.State.RUNNING;
        take(round, request);
        shareOut(round, request.layoutOf());
        audit.record(null, "statistics-round/" + round.id + "/answered", AuditAction.AGGREGATE);
        finishOwnPart(round);
    }

    private void take(StatisticsRound round, StatsRequestPayload request) {
        round.requester = request.requester();
        round.participants = String.join(",", request.participants());
        round.lastYear = request.lastYear();
        round.cells = request.layoutOf().size();
        round.deadline = request.deadline();
    }

    /** Counts, masks the counts with a fresh seed per other participant and sends each its seed. */
    private void shareOut(StatisticsRound round, FederationLayout layout) {
        String own = federation.country();
        long[] counts = layout.count(tables.victimUnits());
        List<long[]> masks = new ArrayList<>();
        for (String p : round.participantList()) {
            if (p.equals(own)) {
                continue;
            }
            byte[] seed = SecureSum.seed();
            masks.add(SecureSum.mask(seed, round.id, own, p, counts.length));
            StatsSharesPayload shares = new StatsSharesPayload(Payloads.VERSION, round.id, SecureSum.encodeSeed(seed));
            channel.send(round.id, p, MessageType.STATS_SHARES, shares, shares.withoutSeed());
        }
        round.ownShare = SecureSum.encode(SecureSum.ownShare(counts, masks));
        if (own.equals(round.requester)) {
            round.ownCounts = SecureSum.encode(counts);
        }
    }

    private void shares(StatsSharesPayload shares, String from) {
        StatisticsRound round = locked(shares.round());
        if (!round.open() || (round.requester != null && !round.participantList().contains(from))) {
            return;
        }
        Map<String, String> seeds = vectors(round.seeds);
        seeds.putIfAbsent(from, shares.seed());
        round.seeds = Json.write(seeds);
        finishOwnPart(round);
    }

    /** Once this node has its own share and every other participant's seed: its partial sum. */
    private void finishOwnPart(StatisticsRound round) {
        if (round.state != StatisticsRound.State.RUNNING || round.ownShare == null) {
            return;
        }
        String own = federation.country();
        Map<String, String> seeds = vectors(round.seeds);
        List<long[]> incoming = new ArrayList<>();
        for (String p : round.participantList()) {
            if (p.equals(own)) {
                continue;
            }
            if (!seeds.containsKey(p)) {
                return;
            }
            incoming.add(SecureSum.mask(SecureSum.decodeSeed(seeds.get(p)), round.id, p, own, round.cells));
        }
        long[] partial = SecureSum.partial(SecureSum.decode(round.ownShare), incoming);
        Instant now = Instant.now();
        round.partialSentAt = now;
        round.ownShare = null;
        round.seeds = null;
        if (own.equals(round.requester)) {
            Map<String, String> partials = vectors(round.partials);
            partials.put(own, SecureSum.encode(partial));
            round.partials = Json.write(partials);
            complete(round);
            return;
        }
        StatsPartialPayload payload = new StatsPartialPayload(Payloads.VERSION, round.id, round.cells, SecureSum.encode(partial));
        channel.send(round.id, round.requester, MessageType.STATS_PARTIAL, payload,
                Map.of("v", payload.v(), "round", round.id, "cells", round.cells));
        round.state = StatisticsRound.State.COMPLETE;
        round.finishedAt = now;
        round.dropArithmetic();
        LOG.infof("statistics round %s of %s answered", round.id, round.requester);
    }

    private void partial(StatsPartialPayload partial, String from) {
        StatisticsRound round = locked(partial.round());
        if (round.state != StatisticsRound.State.RUNNING || !federation.country().equals(round.requester)
                || !round.participantList().contains(from)) {
            return;
        }
        if (partial.cells() != round.cells) {
            failAndTell(round, ProblemType.STATISTICS_ROUND_INVALID, List.of(from), from + " answered with "
                    + partial.cells() + " cells, not the layout's " + round.cells, Set.of());
            return;
        }
        Map<String, String> partials = vectors(round.partials);
        partials.putIfAbsent(from, partial.partial());
        round.partials = Json.write(partials);
        complete(round);
    }

    /** Every partial sum in: the federation's sums, released through the suppression. */
    private void complete(StatisticsRound round) {
        Map<String, String> partials = vectors(round.partials);
        if (!partials.keySet().containsAll(round.participantList())) {
            return;
        }
        long[] sums = SecureSum.total(partials.values().stream().map(SecureSum::decode).toList(), round.cells);
        for (long s : sums) {
            if (s < 0 || s > PLAUSIBLE) {
                failAndTell(round, ProblemType.STATISTICS_ROUND_INVALID, List.of(),
                        "the partial sums do not add up to counts: a participant answered for another round or layout", Set.of());
                return;
            }
        }
        FederationLayout layout = new FederationLayout(round.lastYear, round.participantList());
        ReleasedTables released = FederationTables.release(layout, sums, SecureSum.decode(round.ownCounts),
                config.statisticsMinCell());
        round.result = Json.write(released);
        round.state = StatisticsRound.State.COMPLETE;
        round.finishedAt = Instant.now();
        round.dropArithmetic();
        LOG.infof("statistics round %s complete", round.id);
    }

    private void abort(StatsAbortPayload abort, String from) {
        StatisticsRound round = locked(abort.round());
        String own = federation.country();
        if (own.equals(round.requester)) {
            if (round.state == StatisticsRound.State.RUNNING && round.participantList().contains(from)) {
                List<String> about = abort.countries().isEmpty() ? List.of(from) : abort.countries();
                failAndTell(round, abort.problem(), about, from + " refused the round: " + Optional.ofNullable(abort.detail())
                        .orElse(abort.problem().title()), Set.of(from));
            }
            return;
        }
        if (round.requester != null && !round.requester.equals(from)) {
            return; // only the requester calls a round off for everyone
        }
        if (round.open()) {
            // A partial sum already given stays counted for the overlap rule: partialSentAt is kept.
            fail(round, abort.problem(), abort.countries(), abort.detail());
        }
    }

    private void fail(StatisticsRound round, ProblemType problem, List<String> countries, String detail) {
        round.state = StatisticsRound.State.FAILED;
        round.problemType = problem.name();
        round.problemCountries = String.join(",", countries);
        round.problemDetail = detail == null ? null : detail.substring(0, Math.min(300, detail.length()));
        round.finishedAt = Instant.now();
        round.dropArithmetic();
    }

    /** Fails a round this node requested and tells every other participant (but {@code spared}) to drop it. */
    private void failAndTell(StatisticsRound round, ProblemType problem, List<String> countries, String detail,
            Set<String> spared) {
        fail(round, problem, countries, detail);
        StatsAbortPayload abort = new StatsAbortPayload(Payloads.VERSION, round.id, problem, countries, round.problemDetail);
        for (String p : round.participantList()) {
            if (!p.equals(federation.country()) && !spared.contains(p)) {
                channel.send(round.id, p, MessageType.STATS_ABORT, abort, abort);
            }
        }
        LOG.infof("statistics round %s failed: %s %s", round.id, problem, countries);
    }

    /**
     * Rounds past their deadline: one this node requested fails naming those that did not answer
     * (sent it no shares; else, sent no partial sum), and the others are told; one it takes part in
     * is dropped.
     */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void expire() {
        Instant now = Instant.now();
        for (StatisticsRound overdue : rounds.overdue(now)) {
            StatisticsRound round = rounds.findById(overdue.id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (round == null || !round.open() || !round.deadline.isBefore(now)) {
                continue;
            }
            String own = federation.country();
            if (!own.equals(round.requester)) {
                fail(round, ProblemType.STATISTICS_ROUND_INCOMPLETE, List.of(), "the round's deadline passed");
                continue;
            }
            Set<String> seeds = vectors(round.seeds).keySet();
            Set<String> partials = vectors(round.partials).keySet();
            // Before its own partial sum the requester waits for seeds: who sent none did not answer at all.
            List<String> silent = partials.contains(own)
                    ? round.participantList().stream().filter(p -> !partials.contains(p)).toList()
                    : round.participantList().stream().filter(p -> !p.equals(own) && !seeds.contains(p)).toList();
            failAndTell(round, ProblemType.STATISTICS_ROUND_INCOMPLETE, silent, "no answer from " + String.join(", ", silent)
                    + " before the deadline " + round.deadline + "; the round can be run again without "
                    + (silent.size() == 1 ? "it" : "them"), Set.of());
        }
    }

    /**
     * The first pair of participants the agreements in force do not let exchange a round's messages:
     * every two exchange shares, the requester and each other the request, partial sum and abort.
     */
    private static Optional<Coverage.Refused> requireCovered(Directory directory, String requester, List<String> participants,
            Instant at) {
        for (String a : participants) {
            for (String b : participants) {
                if (a.equals(b)) {
                    continue;
                }
                List<MessageType> types = a.equals(requester) ? List.of(MessageType.STATS_SHARES, MessageType.STATS_REQUEST,
                        MessageType.STATS_ABORT) : b.equals(requester) ? List.of(MessageType.STATS_SHARES,
                        MessageType.STATS_PARTIAL, MessageType.STATS_ABORT) : List.of(MessageType.STATS_SHARES);
                for (MessageType type : types) {
                    if (directory.coverage(a, b, type, at) instanceof Coverage.Refused refused) {
                        return Optional.of(new Coverage.Refused(refused.problem(), "a statistics round needs " + a + " and "
                                + b + " to exchange " + type + ": " + refused.detail() + "; exclude one of them"));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A country by which {@code participants} differ from those of a round this node gave its partial
     * sum to within the overlap window: the two rounds' sums subtracted would be that country's counts.
     */
    private Optional<String> overlapping(List<String> participants, Instant now) {
        Set<String> these = new TreeSet<>(participants);
        for (StatisticsRound answered : rounds.answeredSince(now.minus(config.statisticsOverlapWindow()))) {
            Set<String> difference = new HashSet<>(these);
            Set<String> those = new TreeSet<>(answered.participantList());
            difference.addAll(those);
            Set<String> common = new HashSet<>(these);
            common.retainAll(those);
            difference.removeAll(common);
            if (difference.size() == 1) {
                return Optional.of(difference.iterator().next());
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> vectors(String json) {
        Map<String, String> map = new TreeMap<>();
        if (json != null) {
            Json.read(json, Map.class).forEach((k, v) -> map.put(k.toString(), v.toString()));
        }
        return map;
    }

    private RoundView view(StatisticsRound r) {
        ReleasedTables released = r.result == null ? null : Json.read(r.result, ReleasedTables.class);
        RoundProblem problem = r.problemType == null ? null : new RoundProblem(ProblemType.valueOf(r.problemType),
                r.problemCountries == null || r.problemCountries.isEmpty() ? List.of() : List.of(r.problemCountries.split(",")),
                r.problemDetail);
        return new RoundView(r.id, r.state, r.requester, r.participantList(), r.lastYear, r.deadline, r.createdAt,
                r.finishedAt, released, problem);
    }

    private static RoundView withoutTables(RoundView v) {
        return new RoundView(v.id(), v.state(), v.requester(), v.participants(), v.lastYear(), v.deadline(), v.createdAt(),
                v.finishedAt(), null, v.problem());
    }
}
