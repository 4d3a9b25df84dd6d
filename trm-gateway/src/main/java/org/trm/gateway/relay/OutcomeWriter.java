package org.trm.gateway.relay;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.metrics.RelayMetrics;
import org.trm.gateway.relay.Answers.Answered;
import org.trm.gateway.relay.OutcomeRecorder.Outcome;
import org.trm.gateway.relay.ReceiptCheck.Receipt;
import org.trm.gateway.store.Message;
import org.trm.gateway.store.MessageRepository;
import org.trm.model.problem.Incident;
import org.trm.model.retry.Backoff;
import org.trm.model.status.Direction;
import org.trm.model.status.MessageState;

/**
 * Records outcomes in batches, on a thread of its own: whatever answers arrived while the previous
 * batch was written form the next, decided by the {@link OutcomeRecorder} and written in one
 * transaction with the receipts the deliveries brought back and the failure signals the dead
 * letters cause ({@link MessageRepository#saveOutcomes}, {@link FailureSignals}), which are
 * themselves handed to the relay like accepted messages. Then the messages' places in flight are
 * free again.
 */
@ApplicationScoped
public class OutcomeWriter {
    private static final Logger LOG = Logger.getLogger(OutcomeWriter.class);
    private static final int MAX_OUTCOMES = 256;
    private static final java.time.Duration RECORD_RETRY = java.time.Duration.ofMillis(500);

    @Inject
    GatewayConfig config;

    @Inject
    Answers answers;

    @Inject
    ReceiptCheck receipts;

    @Inject
    InFlight inFlight;

    @Inject
    MessageRepository messages;

    @Inject
    RelayMetrics metrics;

    @Inject
    FailureSignals signals;

    @Inject
    Reachability reachability;

    private OutcomeRecorder recorder;
    private volatile Thread writer;

    void start(@Observes StartupEvent event) {
        if (!config.relay().enabled()) {
            return;
        }
        recorder = new OutcomeRecorder(new Backoff(config.relay().initialBackoff(), config.relay().maxBackoff()));
        Thread t = new Thread(this::loop, "relay-outcomes");
        t.setDaemon(true);
        writer = t;
        t.start();
    }

    void stop(@Observes ShutdownEvent event) {
        Thread t = writer;
        writer = null;
        if (t != null) {
            t.interrupt();
        }
    }

    private void loop() {
        List<Answered> batch = new ArrayList<>(MAX_OUTCOMES);
        while (writer != null) {
            try {
                answers.takeInto(batch, MAX_OUTCOMES);
                Instant now = Instant.now();
                List<Message> toStore = new ArrayList<>();
                for (Answered answered : batch) {
                    record(answered.message(), answered.response(), now, toStore);
                }
                store(batch.stream().map(Answered::message).toList(), toStore);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Never let this thread die: the batch's messages stay leased and are sent again
                // when the lease ends, late but never lost.
                LOG.errorf("recording %d relay outcomes failed: %s; they are sent again after their lease",
                        batch.size(), Incident.of(e));
            } finally {
                batch.forEach(answered -> inFlight.release(answered.message()));
                batch.clear();
            }
        }
    }

    /**
     * Writes the outcomes, and the receipts they brought, in one transaction. A database that is away
     * for a moment (a restart) is tried again while the messages' lease runs, rather than leaving
     * them to wait it out and be sent again.
     */
    private void store(List<Message> recorded, List<Message> toStore) throws InterruptedException {
        Instant giveUp = Instant.now().plus(inFlight.lease());
        for (boolean first = true; ; first = false) {
            try {
                inFlight.storeAndSend(toStore, receiptsToStore -> messages.saveOutcomes(recorded, receiptsToStore));
                if (recorded.stream().anyMatch(m -> m.state == MessageState.ACCEPTED)) {
                    reachability.backedOff();
                }
                return;
            } catch (RuntimeException e) {
                if (writer == null || Instant.now().isAfter(giveUp)) {
                    throw e;
                }
                if (first) {
                    LOG.warnf("recording %d relay outcomes failed: %s; trying again", recorded.size(), Incident.of(e));
                }
                Thread.sleep(RECORD_RETRY.toMillis());
            }
        }
    }

    /**
     * Decides one outcome and writes it on the leased message; adds the node's receipt to store, if
     * it brought one, or the failure signal of a message that died.
     */
    private void record(Message m, HopResponse response, Instant now, List<Message> toStore) {
        Receipt receipt = receipts.check(m, response);
        Outcome outcome = recorder.record(m, response, receipt, now);
        outcome.applyTo(m);
        switch (outcome.kind()) {
            case FORWARDED -> {
                metrics.forwarded(m.toCountry);
                LOG.debugf("message %s forwarded to %s", m.messageId, m.toCountry);
            }
            case DELIVERED -> delivered(m);
            case RECEIPTED -> {
                delivered(m);
                metrics.receipted();
                Receipt.Valid valid = (Receipt.Valid) receipt;
                toStore.add(Message.accepted(valid.receipt(), Direction.OUTBOUND, now).under(valid.agreement()));
            }
            case REFUSED -> {
                metrics.dead(m.peer());
                LOG.warnf("message %s refused by %s: %s; now a dead letter", m.messageId, m.peer(), m.lastError);
                signals.refused(m, response, now).ifPresent(signal -> report(m, signal, toStore));
            }
            case RETRIED -> retried(m, receipt);
            case EXPIRED -> {
                metrics.retried(m.peer());
                metrics.dead("deadline", 1);
                LOG.warnf("message %s to %s failed past its deadline (attempt %d): %s; now a dead letter",
                        m.messageId, m.peer(), m.attempts, m.lastError);
                signals.expired(m, now).ifPresent(signal -> report(m, signal, toStore));
            }
        }
    }

    /** Stored with the outcome, and only if the death is written (a message is reported once). */
    private static void report(Message dead, Message signal, List<Message> toStore) {
        dead.failureMessageId = signal.messageId;
        toStore.add(signal);
    }

    private void delivered(Message m) {
        metrics.delivered();
        LOG.debugf("message %s delivered to the node", m.messageId);
    }

    private void retried(Message m, Receipt receipt) {
        if (receipt instanceof Receipt.Missing missing) {
            LOG.warnf("message %s: the node's answer carries no valid receipt (%s); delivering again", m.messageId,
                    missing.why());
        } else if (receipt instanceof Receipt.Refused refused) {
            LOG.warnf("message %s: the node's receipt was refused: %s; delivering again", m.messageId, refused.problem());
        }
        metrics.retried(m.peer());
        LOG.infof("message %s to %s failed (attempt %d): %s; next at %s", m.messageId, m.peer(), m.attempts,
                m.lastError, m.nextAttemptAt);
    }
}
