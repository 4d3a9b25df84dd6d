package org.trm.nrm.referral.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.trm.model.problem.Incident;
import org.trm.model.problem.ProtocolException;
import org.trm.model.retry.Backoff;
import org.trm.model.retry.NextLook;
import org.trm.model.retry.PeerWatch;
import org.trm.model.status.MessageStatus;
import org.trm.nrm.referral.FederationConfig;
import org.trm.nrm.referral.GatewayClient;
import org.trm.nrm.referral.MessageRepository;
import org.trm.nrm.referral.TransnationalMessage;
import org.trm.nrm.referral.TransnationalMessage.State;

/**
 * Hands queued messages to the gateway, oldest first and several per request, retrying with
 * exponential back-off and jitter; a message the gateway refuses, or that cannot leave before it
 * expires, becomes FAILED and stays visible on the case.
 *
 * <p>No database connection waits on the gateway: messages are leased in a short transaction
 * ({@link MessageRepository#lease}, SKIP LOCKED, so replicas may share the work), handed over with
 * none held, and what the gateway answered is recorded in another short transaction by conditional
 * updates (a receipt that came back meanwhile always wins). So a hung or dead gateway delays only the
 * messages, never the node's API. One hand-over runs at a time: work that arrives meanwhile is
 * picked up by the pass after it, not by passes piling up on the executor.
 *
 * <p>A gateway that comes back is noticed ({@link PeerWatch}): its first answer after a failure
 * makes every waiting message due at once, and while messages wait, one of them goes early as a
 * probe at most once a second, so that a backlog drains within seconds of the return rather than
 * after its back-off of up to {@code max-retry-delay}.
 */
@ApplicationScoped
public class OutboxWorker {
    private static final Logger LOG = Logger.getLogger(OutboxWorker.class);
    /** Most messages handed over, or followed up, in one request or run. */
    private static final int BATCH = 50;
    private static final Duration INITIAL_RETRY_DELAY = Duration.ofMillis(500);
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);
    /**
     * How long leased messages are kept from other workers unless renewed: a node killed mid-hand-over
     * leaves them due again this soon. Renewed every 2 s while they are on their way ({@link #renewLeases}).
     */
    static final Duration LEASE = Duration.ofSeconds(6);
    /**
     * The longest the scheduled runs stay away from a store that has nothing for them: every change
     * that makes work due is an event of this node, so this bounds only what an operator wrote.
     */
    private static final Duration LONGEST_QUIET = Duration.ofSeconds(30);
    /** Past the hand-over's time-out, twice: a probe that has not come back counts as lost. */
    private static final Duration LOST = GatewayClient.REQUEST_TIMEOUT.multipliedBy(2).plusSeconds(5);
    /** How long an answer that could not be recorded (the database away) is tried again; the lease is renewed meanwhile. */
    private static final Duration RECORD_PATIENCE = GatewayClient.REQUEST_TIMEOUT;

    @Inject
    FederationConfig config;

    @Inject
    MessageRepository messages;

    @Inject
    GatewayClient gateway;

    @Inject
    ManagedExecutor executor;

    private HandOver handOver;
    private final PeerWatch watch = new PeerWatch(PROBE_INTERVAL, LOST);
    /** A hand-over is running; at most one at a time. */
    private final AtomicBoolean running = new AtomicBoolean();
    /** Work arrived that the running hand-over may not have seen. */
    private final AtomicBoolean pending = new AtomicBoolean();
    /** The messages of the running hand-over, whose leases are renewed until their outcomes are recorded. */
    private final Set<UUID> onTheirWay = ConcurrentHashMap.newKeySet();
    /** When the outbox next has something due: nothing waits, or only messages due later. */
    private final NextLook outboxLook = new NextLook(LONGEST_QUIET);
    /** When a message next waits for its delivery to be confirmed. */
    private final NextLook deliveryLook = new NextLook(LONGEST_QUIET);
    /** The last failure to lease or record was logged; the next ones are not until one succeeds. */
    private volatile boolean storeFailing;

    @PostConstruct
    void init() {
        handOver = new HandOver(new Backoff(INITIAL_RETRY_DELAY, config.maxRetryDelay()));
    }

    /**
     * Hands over at once what a committed transaction queued or released (a receipt lets the next
     * message of its conversation go); the scheduled run below catches up on retries and restarts.
     */
    void onWork(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWork work) {
        if (config.enabled()) {
            outboxLook.wake();
            pending.set(true);
            if (running.compareAndSet(false, true)) {
                executor.execute(this::drain);
            }
        }
    }

    @Scheduled(every = "${nrm.federation.outbox-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void flush() {
        if (config.enabled() && outboxLook.due(Instant.now())) {
            pending.set(true);
            if (running.compareAndSet(false, true)) {
                drain();
            }
        }
    }

    /** Runs passes while work is pending; holds {@link #running}, and hands it back. */
    private void drain() {
        try {
            while (pending.getAndSet(false)) {
                handOverDue();
            }
        } catch (RuntimeException e) {
            storeFailed("outbox: handing over failed", e);
        } finally {
            running.set(false);
        }
        // Work that arrived after the last look and before the flag was down has no pass yet.
        if (pending.get() && running.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    /** Hands over what is due, a batch at a time, and a probe when nothing is due but messages wait. */
    private void handOverDue() {
        while (true) {
            outboxLook.begin();
            Instant now = Instant.now();
            List<TransnationalMessage> leased = inTransaction(() -> messages.lease(now, LEASE, BATCH));
            boolean probe = false;
            if (leased.isEmpty() && watch.startProbe(now)) {
                leased = inTransaction(() -> messages.leaseProbe(now, LEASE));
                probe = !leased.isEmpty();
                if (!probe) {
                    watch.probeNotSent();
                }
            }
            storeRecovered();
            if (leased.isEmpty()) {
                beQuiet(now);
                return;
            }
            leased.forEach(m -> onTheirWay.add(m.messageId));
            try {
                send(leased, probe);
            } finally {
                onTheirWay.clear();
            }
        }
    }

    /**
     * Nothing was due: the scheduled runs need not look before the first waiting message is due. While
     * one waits out a failed hand-over, a probe may go every second, so they go on looking.
     */
    private void beQuiet(Instant now) {
        MessageRepository.Waiting waiting = inTransaction(messages::waiting);
        if (!waiting.backingOff()) {
            outboxLook.quietUntil(waiting.firstDue(), now);
        }
    }

    /** Extends the leases of the messages being handed over (a hung gateway holds them up to its time-out). */
    @Scheduled(every = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void renewLeases() {
        if (!onTheirWay.isEmpty()) {
            List<UUID> ids = List.copyOf(onTheirWay);
            inTransaction(() -> messages.renewLeases(ids, Instant.now(), LEASE));
        }
    }

    private void send(List<TransnationalMessage> leased, boolean probe) {
        watch.sent(Instant.now());
        List<GatewayClient.Answer> answers;
        try {
            answers = gateway.submitAll(leased.stream().map(m -> m.jws).toList());
        } catch (java.io.IOException e) {
            answers = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answers = null;
        }
        Instant now = Instant.now();
        List<Recorded> outcomes = new ArrayList<>(leased.size());
        for (int i = 0; i < leased.size(); i++) {
            TransnationalMessage m = leased.get(i);
            outcomes.add(new Recorded(m, handOver.decide(answers == null ? null : answers.get(i), m.attempts, m.expiresAt, now)));
        }
        // Taken, or refused for good: either way the gateway is there.
        boolean answered = answers != null && answers.stream().anyMatch(a -> a.accepted() || !a.retryable());
        if (answered) {
            record(outcomes, watch.answered(probe), now);
        } else {
            watch.failed(probe);
            // A probe of a gateway known to be away says nothing new: not a line a second.
            LOG.logf(probe ? Logger.Level.DEBUG : Logger.Level.INFO, "%d message(s) not handed over: %s", outcomes.size(),
                    outcomes.get(0).outcome().why());
            record(outcomes, false, now);
        }
    }

    /** A leased message and what becomes of it. */
    private record Recorded(TransnationalMessage message, HandOver.Outcome outcome) {
    }

    /**
     * Writes the outcomes in one short transaction, and, when the gateway answers again, makes the
     * messages that wait for it due. A database that is away meanwhile is tried again for a while;
     * past that the leases end and the messages are handed over again (the gateway takes a resend as a
     * no-op).
     */
    private void record(List<Recorded> outcomes, boolean makeDue, Instant now) {
        List<Recorded> inLockOrder = new ArrayList<>(outcomes);
        inLockOrder.sort(Comparator.comparing(r -> r.message().messageId));
        Instant giveUp = Instant.now().plus(RECORD_PATIENCE);
        while (true) {
            try {
                int due = inTransaction(() -> {
                    inLockOrder.forEach(this::store);
                    return makeDue ? messages.dueNow(now) : 0;
                });
                if (due > 0) {
                    LOG.infof("the gateway answers again: %d waiting message(s) due now", due);
                    pending.set(true);
                }
                // Woken once committed, or a look meanwhile could miss them and stay away.
                if (outcomes.stream().anyMatch(r -> r.outcome().kind() == HandOver.Kind.SENT)) {
                    deliveryLook.wake();
                }
                return;
            } catch (RuntimeException e) {
                if (Instant.now().isAfter(giveUp)) {
                    throw e;
                }
                storeFailed("outbox: recording " + outcomes.size() + " hand-over(s) failed, trying again", e);
                sleep(Duration.ofMillis(500));
            }
        }
    }

    private void store(Recorded r) {
        TransnationalMessage m = r.message();
        HandOver.Outcome o = r.outcome();
        switch (o.kind()) {
            case SENT -> messages.handedOver(m.messageId);
            case RETRY -> {
                if (messages.backOff(m.messageId, m.attempts, o.next(), o.why())) {
                    LOG.debugf("message %s not handed over (%s), attempt %d", m.messageId, o.why(), m.attempts);
                }
            }
            case FAILED -> {
                if (messages.failQueued(m.messageId, o.why())) {
                    LOG.warnf("message %s failed: %s", m.messageId, o.why());
                }
            }
        }
    }

    /**
     * Follows sent messages at the gateway, so the thread shows DELIVERED, or FAILED for a dead letter.
     * The rows are read in one short transaction and each change is a conditional update in another,
     * so that no connection waits on the gateway and a receipt taken meanwhile always wins.
     */
    @Scheduled(every = "${nrm.federation.status-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void followDelivery() {
        if (!config.enabled() || !deliveryLook.due(Instant.now())) {
            return;
        }
        deliveryLook.begin();
        List<TransnationalMessage> sent = inTransaction(() -> messages.awaitingReceipt(BATCH));
        if (sent.isEmpty()) {
            deliveryLook.quietUntil(null, Instant.now());
        }
        for (TransnationalMessage m : sent) {
            Optional<MessageStatus> status;
            try {
                watch.sent(Instant.now());
                status = gateway.status(m.messageId);
            } catch (java.io.IOException | ProtocolException e) {
                // Unreachable, or not answering with a message status: try again on the next run.
                watch.failed(false);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (status.isPresent() && watch.answered(false)) {
                gatewayBack();
            }
            if (status.isEmpty() || status.get().state() == null) {
                continue;
            }
            switch (status.get().state()) {
                case DELIVERED, RECEIPTED -> inTransaction(() -> messages.advance(m.messageId, State.DELIVERED, null,
                        List.of(State.SENT)));
                case DEAD -> inTransaction(() -> messages.advance(m.messageId, State.FAILED, "dead letter at the gateway",
                        List.of(State.SENT, State.DELIVERED)));
                case ACCEPTED, FORWARDED -> {
                }
            }
        }
    }

    /** The gateway answers again after a failure: what waits for it is due now, and handed over. */
    private void gatewayBack() {
        int due = inTransaction(() -> messages.dueNow(Instant.now()));
        if (due > 0) {
            LOG.infof("the gateway answers again: %d waiting message(s) due now", due);
        }
        onWork(null);
    }

    private static <T> T inTransaction(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(work::get);
    }

    private void storeFailed(String what, RuntimeException e) {
        Incident incident = Incident.of(e);
        if (!storeFailing) {
            LOG.errorf("%s: %s", what, incident);
        } else {
            LOG.debugf("%s: %s", what, incident);
        }
        storeFailing = true;
    }

    private void storeRecovered() {
        if (storeFailing) {
            storeFailing = false;
            LOG.info("outbox: the database answers again");
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
