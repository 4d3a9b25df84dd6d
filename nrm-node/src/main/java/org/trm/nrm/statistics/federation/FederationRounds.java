package org.trm.nrm.statistics.federation;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Duration;
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
import org.jose4j.jwk.PublicJsonWebKey;
import org.trm.model.code.MessageType;
import org.trm.model.directory.Coverage;
import org.trm.model.directory.Directory;
import org.trm.model.directory.Participant;
import org.trm.model.json.Json;
import org.trm.model.payload.Payloads;
import org.trm.model.payload.StatsAbortPayload;
import org.trm.model.payload.StatsPartialPayload;
import org.trm.model.payload.StatsRequestPayload;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;
import org.trm.model.retry.NextLook;
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
 * participant: counts, masks the counts with the seed it agrees with each other participant and
 * gives the requester that partial sum only. Every step runs in the transaction that takes the
 * message causing it, so that a refused delivery changes nothing and is tried again.
 */
@ApplicationScoped
public class FederationRounds {
    private static final Logger LOG = Logger.getLogger(FederationRounds.class);
    /** No sum of counts comes near this: a larger one means a partial sum that does not belong. */
    private static final long PLAUSIBLE = 1L << 40;
    /** Every deadline set is an event of this node: the bound only covers what an operator wrote. */
    private static final Duration LONGEST_QUIET = Duration.ofSeconds(30);

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

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** When the first open round's deadline passes: none open, none looked at. */
    private final NextLook expiryLook = new NextLook(LONGEST_QUIET);

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
        Map<String, String> keys = new TreeMap<>();
        for (String p : participants) {
            Optional<PublicJsonWebKey> key = directory.participant(p).flatMap(x -> x.encryptionKey(now));
            if (key.isEmpty()) {
                throw new NrmException(ProblemType.STATISTICS_ROUND_INVALID, p + " lists no encryption key in force: exclude it");
            }
            keys.put(p, key.get().getKeyId());
        }
        StatsRequestPayload request = new StatsRequestPayload(Payloads.VERSION, UUID.randomUUID(), own, participants,
                FederationLayout.VERSION, now.atZone(ZoneOffset.UTC).getYear(), now.plus(config.statisticsRoundTimeout()), keys);
        unusableKey(request, now).ifPresent(country -> {
            throw new NrmException(ProblemType.STATISTICS_ROUND_INVALID, "no seed can be agreed with the key " + keys.get(country)
                    + " of " + country + (country.equals(own) ? ": this node does not hold it" : ""));
        });
        StatisticsRound round = new StatisticsRound();
        round.id = request.round();
        round.state = StatisticsRound.State.RUNNING;
        round.createdAt = now;
        take(round, request);
        long[] counts = request.layoutOf().count(tables.victimUnits());
        round.ownCounts = SecureSum.encode(counts);
        round.partials = Json.write(new TreeMap<>(Map.of(own, SecureSum.encode(partialOf(request, counts)))));
        round.partialSentAt = now;
        rounds.persist(round);
        deadlineSet();
        for (String p : participants) {
            if (!p.equals(own)) {
                channel.send(p, MessageType.STATS_REQUEST, request, request, request.deadline());
            }
        }
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
            case STATS_PARTIAL -> partial((StatsPartialPayload) received.payload(), received.partner());
            case STATS_ABORT -> abort((StatsAbortPayload) received.payload(), received.partner());
            default -> throw new IllegalStateException("not a statistics message: " + received.type());
        }
    }

    private StatisticsRound locked(UUID id) {
        deadlineSet();
        return rounds.locked(id, Instant.now().plus(config.statisticsRoundTimeout().multipliedBy(2)));
    }

    /** A round's deadline is set in this transaction: once it has ended, the expiry looks again. */
    private void deadlineSet() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    expiryLook.wake();
                }
            }
        });
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
        Optional<String> badKey;
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
        } else if ((badKey = unusableKey(request, now)).isPresent()) {
            refusal = ProblemType.STATISTICS_ROUND_INVALID;
            about = List.of(badKey.get());
            detail = "no seed can be agreed with the key " + request.keys().get(badKey.get()) + " named for " + badKey.get();
        }
        if (refusal != null) {
            channel.send(from, MessageType.STATS_ABORT,
                    new StatsAbortPayload(Payloads.VERSION, round.id, refusal, about, detail), null, null);
            fail(round, refusal, about, detail);
            LOG.infof("statistics round %s of %s refused: %s", round.id, from, refusal);
            return;
        }
        take(round, request);
        long[] partial = partialOf(request, request.layoutOf().count(tables.victimUnits()));
        StatsPartialPayload payload = new StatsPartialPayload(Payloads.VERSION, round.id, round.cells, SecureSum.encode(partial));
        // It expires at the deadline: the requester never takes a partial sum of a round it has failed (17.4).
        channel.send(from, MessageType.STATS_PARTIAL, payload,
                Map.of("v", payload.v(), "round", round.id, "cells", round.cells), request.deadline());
        round.state = StatisticsRound.State.COMPLETE;
        round.partialSentAt = now;
        round.finishedAt = now;
        audit.record(null, "statistics-round/" + round.id + "/answered", AuditAction.AGGREGATE);
        LOG.infof("statistics round %s of %s answered", round.id, from);
    }

    private void take(StatisticsRound round, StatsRequestPayload request) {
        round.requester = request.requester();
        round.participants = String.join(",", request.participants());
        round.lastYear = request.lastYear();
        round.cells = request.layoutOf().size();
        round.deadline = request.deadline();
    }

    /**
     * The first participant whose key named in the request this node cannot agree a seed with: its
     * own that it does not hold, another's not listed in its directory or past its expiry.
     */
    private Optional<String> unusableKey(StatsRequestPayload request, Instant now) {
        String own = federation.country();
        for (String p : request.participants()) {
            String kid = request.keys().get(p);
            boolean usable = p.equals(own) ? ownKey(kid).isPresent()
                    : federation.directory().participant(p).flatMap(x -> x.encryptionKey(kid, now)).isPresent();
            if (!usable) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private Optional<PublicJsonWebKey> ownKey(String kid) {
        return federation.encryptionKeys().stream().filter(k -> kid.equals(k.getKeyId())).findFirst();
    }

    /** This node's partial sum: its counts masked with the seed it agrees with each other participant. */
    private long[] partialOf(StatsRequestPayload request, long[] counts) {
        String own = federation.country();
        Instant now = Instant.now();
        java.security.PrivateKey mine = ownKey(request.keys().get(own)).orElseThrow().getPrivateKey();
        Map<String, byte[]> seeds = new TreeMap<>();
        for (String p : request.participants()) {
            if (!p.equals(own)) {
                PublicJsonWebKey theirs = federation.directory().participant(p)
                        .flatMap(x -> x.encryptionKey(request.keys().get(p), now)).orElseThrow();
                boolean first = own.compareTo(p) < 0;
                seeds.put(p, SecureSum.pairSeed(mine, theirs.getPublicKey(), request.round(), first ? own : p, first ? p : own));
            }
        }
        return SecureSum.partial(counts, own, request.round(), seeds);
    }

    private void partial(StatsPartialPayload partial, String from) {
        StatisticsRound round = rounds.findById(partial.round(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (round == null || !federation.country().equals(round.requester) || !round.participantList().contains(from)) {
            throw new ProtocolException(ProblemType.STATISTICS_ROUND_INVALID, "no round " + partial.round()
                    + " of this node with " + from);
        }
        if (round.state != StatisticsRound.State.RUNNING) {
            // Refused, not kept: a round that failed released nothing, and its partial sums must not arrive after (17.4).
            throw new ProtocolException(ProblemType.STATISTICS_ROUND_INVALID, "round " + round.id + " has ended ("
                    + round.state + ")");
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
        if (round.open() || round.state == StatisticsRound.State.COMPLETE) {
            fail(round, abort.problem(), abort.countries(), abort.detail());
            released(round);
        }
    }

    /**
     * Whether a failed round still counts for the overlap rule. One the requester called off for a
     * partial sum that never came (late, or refused) released nothing: without it, the masks that
     * participant shares with the others do not cancel, and the requester takes no partial sum of a
     * round it has failed. One called off as invalid may have had every partial sum, and still counts.
     */
    private static void released(StatisticsRound round) {
        if (!ProblemType.STATISTICS_ROUND_INVALID.name().equals(round.problemType)) {
            round.partialSentAt = null;
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
        released(round);
        StatsAbortPayload abort = new StatsAbortPayload(Payloads.VERSION, round.id, problem, countries, round.problemDetail);
        for (String p : round.participantList()) {
            if (!p.equals(federation.country()) && !spared.contains(p)) {
                channel.send(p, MessageType.STATS_ABORT, abort, abort, null);
            }
        }
        LOG.infof("statistics round %s failed: %s %s", round.id, problem, countries);
    }

    /**
     * Rounds past their deadline: one this node requested fails naming those that sent no partial
     * sum, and the others are told; one it takes part in and never got the request of is dropped.
     */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void expire() {
        Instant now = Instant.now();
        if (!expiryLook.due(now)) {
            return;
        }
        expiryLook.begin();
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
            Set<String> partials = vectors(round.partials).keySet();
            List<String> silent = round.participantList().stream().filter(p -> !partials.contains(p)).toList();
            failAndTell(round, ProblemType.STATISTICS_ROUND_INCOMPLETE, silent, "no answer from " + String.join(", ", silent)
                    + " before the deadline " + round.deadline + "; the round can be run again without "
                    + (silent.size() == 1 ? "it" : "them"), Set.of());
        }
        expiryLook.quietUntil(rounds.firstDeadline(), now);
    }

    /**
     * The first participant the agreements in force do not let exchange a round's messages with the
     * requester: the request and abort one way, the partial sum and abort the other.
     */
    private static Optional<Coverage.Refused> requireCovered(Directory directory, String requester, List<String> participants,
            Instant at) {
        for (String p : participants) {
            if (p.equals(requester)) {
                continue;
            }
            List<Object[]> legs = List.of(new Object[] {requester, p, MessageType.STATS_REQUEST},
                    new Object[] {requester, p, MessageType.STATS_ABORT}, new Object[] {p, requester, MessageType.STATS_PARTIAL},
                    new Object[] {p, requester, MessageType.STATS_ABORT});
            for (Object[] leg : legs) {
                String from = (String) leg[0];
                String to = (String) leg[1];
                MessageType type = (MessageType) leg[2];
                if (directory.coverage(from, to, type, at) instanceof Coverage.Refused refused) {
                    return Optional.of(new Coverage.Refused(refused.problem(), "a statistics round needs " + from + " to send "
                            + to + " " + type + ": " + refused.detail() + "; exclude " + p));
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
