package org.trm.nrm.referral.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.eclipse.microprofile.context.ManagedExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.trm.model.problem.ProtocolException;
import org.trm.model.retry.Backoff;
import org.trm.model.status.MessageStatus;
import org.trm.nrm.referral.FederationConfig;
import org.trm.nrm.referral.GatewayClient;
import org.trm.nrm.referral.MessageRepository;
import org.trm.nrm.referral.TransnationalMessage;
import org.trm.nrm.referral.TransnationalMessage.State;

/**
 * Hands queued messages to the gateway, oldest first, retrying with exponential back-off and
 * jitter; a message the gateway refuses, or that cannot leave before it expires, becomes FAILED
 * and stays visible on the case. Rows are claimed with SKIP LOCKED, so replicas may share the work.
 */
@ApplicationScoped
public class OutboxWorker {
    private static final Logger LOG = Logger.getLogger(OutboxWorker.class);
    /** Most messages handed over, or followed up, in one run of a worker. */
    private static final int BATCH = 50;
    private static final Duration INITIAL_RETRY_DELAY = Duration.ofMillis(500);

    @Inject
    FederationConfig config;

    @Inject
    MessageRepository messages;

    @Inject
    GatewayClient gateway;

    @Inject
    ManagedExecutor executor;

    /** The federation's back-off, from half a second up to the configured most. */
    private Backoff backoff;

    @PostConstruct
    void init() {
        backoff = new Backoff(INITIAL_RETRY_DELAY, config.maxRetryDelay());
    }

    /**
     * Hands over at once what a committed transaction queued or released (a receipt lets the next
     * message of its conversation go); the scheduled run below catches up on retries and restarts.
     */
    void onWork(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWork work) {
        executor.execute(this::flush);
    }

    @Scheduled(every = "${nrm.federation.outbox-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void flush() {
        if (!config.enabled()) {
            return;
        }
        // One message per transaction: a row stays locked only while its own hand-over runs, so a
        // receipt for it that arrives meanwhile waits for that moment, never for a whole batch.
        for (int i = 0; i < BATCH; i++) {
            boolean sent = QuarkusTransaction.requiringNew().call(() -> messages.claimNext(Instant.now())
                    .map(m -> {
                        send(m, Instant.now());
                        return true;
                    }).orElse(false));
            if (!sent) {
                return;
            }
        }
    }

    private void send(TransnationalMessage m, Instant now) {
        m.attempts++;
        try {
            GatewayClient.Answer answer = gateway.submit(m.jws);
            if (answer.accepted()) {
                m.state = State.SENT;
                m.nextAttemptAt = null;
                m.lastError = null;
                return;
            }
            if (!answer.retryable()) {
                fail(m, "refused by the gateway: " + answer.problemType());
                return;
            }
            retry(m, now, "gateway answered " + answer.status());
        } catch (java.io.IOException e) {
            retry(m, now, "gateway unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            retry(m, now, "interrupted");
        }
    }

    private void retry(TransnationalMessage m, Instant now, String why) {
        if (!now.isBefore(m.expiresAt)) {
            fail(m, "expired before the gateway took it; last error: " + why);
            return;
        }
        long delay = backoff.after(m.attempts).toMillis();
        m.nextAttemptAt = now.plus(Duration.ofMillis(delay));
        m.lastError = why;
        LOG.infof("message %s not handed over (%s), attempt %d, next in %d ms", m.messageId, why, m.attempts, delay);
    }

    private void fail(TransnationalMessage m, String why) {
        m.state = State.FAILED;
        m.nextAttemptAt = null;
        m.lastError = why.length() > 300 ? why.substring(0, 300) : why;
        LOG.warnf("message %s failed: %s", m.messageId, m.lastError);
    }

    /**
     * Follows sent messages at the gateway, so the thread shows DELIVERED, or FAILED for a dead letter.
     * The rows are read, not locked, and each change is a conditional update, so that a receipt taken
     * meanwhile always wins.
     */
    @Scheduled(every = "${nrm.federation.status-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void followDelivery() {
        if (!config.enabled()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            for (TransnationalMessage m : messages.awaitingReceipt(BATCH)) {
                try {
                    Optional<MessageStatus> status = gateway.status(m.messageId);
                    if (status.isEmpty() || status.get().state() == null) {
                        continue;
                    }
                    switch (status.get().state()) {
                        case DELIVERED, RECEIPTED -> messages.advance(m.messageId, State.DELIVERED, null, List.of(State.SENT));
                        case DEAD -> messages.advance(m.messageId, State.FAILED, "dead letter at the gateway",
                                List.of(State.SENT, State.DELIVERED));
                        case ACCEPTED, FORWARDED -> {
                        }
                    }
                } catch (java.io.IOException | ProtocolException e) {
                    // Unreachable, or not answering with a message status: try again on the next run.
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
    }
}
