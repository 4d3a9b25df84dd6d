package org.trm.gateway.relay;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.directory.DirectoryHolder;
import org.trm.gateway.ops.RelayMetrics;
import org.trm.gateway.tls.Caller;
import org.trm.model.directory.Participant;
import org.trm.model.envelope.Envelope;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.envelope.MessageType;
import org.trm.model.envelope.VerifiedEnvelope;
import org.trm.model.problem.ProtocolException;

/**
 * Forwards outbound messages to peer gateways and delivers inbound ones to the own node. Each
 * worker loop claims a batch of due rows (FOR UPDATE SKIP LOCKED), sends them concurrently and
 * records every outcome in the same transaction: a crash before the commit leaves the rows
 * ACCEPTED and they are sent again (receivers are idempotent by messageId and content), so nothing
 * is lost. Failures back off exponentially with jitter until the message's deadline, then it is DEAD.
 */
@ApplicationScoped
public class RelayWorker {
    private static final Logger LOG = Logger.getLogger(RelayWorker.class);
    private static final int MAX_ERROR = 300;

    @Inject
    GatewayConfig config;

    @Inject
    MessageRepository messages;

    @Inject
    MessageStore store;

    @Inject
    DirectoryHolder directory;

    @Inject
    BorderCheck border;

    @Inject
    HopClient hops;

    @Inject
    RelayMetrics metrics;

    private final Map<Direction, Signal> signals = new EnumMap<>(Direction.class);
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong lastSweep = new AtomicLong();
    private volatile boolean running;

    /** Wakes one sleeping worker of a direction: new work was committed. */
    private static final class Signal {
        private boolean pending;

        synchronized void raise() {
            pending = true;
            notifyAll();
        }

        synchronized void await(long millis) throws InterruptedException {
            if (!pending) {
                wait(millis);
            }
            pending = false;
        }
    }

    RelayWorker() {
        for (Direction d : Direction.values()) {
            signals.put(d, new Signal());
        }
    }

    void start(@Observes StartupEvent event) {
        if (!config.relay().enabled()) {
            LOG.info("relay workers disabled on this instance");
            return;
        }
        running = true;
        for (Direction d : Direction.values()) {
            for (int i = 0; i < config.relay().workers(); i++) {
                Thread t = new Thread(() -> loop(d), "relay-" + d.name().toLowerCase() + "-" + i);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        threads.forEach(Thread::interrupt);
    }

    public void wake(Direction direction) {
        signals.get(direction).raise();
    }

    private void loop(Direction direction) {
        long idle = config.relay().pollInterval().toMillis();
        int timeout = (int) config.relay().requestTimeout().plusSeconds(30).toSeconds();
        while (running) {
            try {
                sweep();
                Batch batch = QuarkusTransaction.requiringNew().timeout(timeout).call(() -> relayBatch(direction));
                if (batch.receipts > 0) {
                    wake(Direction.OUTBOUND);
                }
                if (batch.claimed < config.relay().batchSize()) {
                    signals.get(direction).await(batch.claimed == 0 ? idle : 1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.errorf("relay %s batch failed: %s", direction, e.getClass().getSimpleName());
                sleep(idle);
            }
        }
    }

    private record Batch(int claimed, int receipts) {
    }

    private Batch relayBatch(Direction direction) {
        messages.commitWithoutWaitingForFlush();
        List<Message> batch = messages.claimDue(direction, config.relay().batchSize());
        if (batch.isEmpty()) {
            return new Batch(0, 0);
        }
        List<CompletableFuture<HopClient.HopResponse>> sent = new ArrayList<>(batch.size());
        for (Message m : batch) {
            Optional<String> url = target(m);
            sent.add(url.map(u -> hops.post(u, m.jws)).orElseGet(() -> CompletableFuture.completedFuture(
                    new HopClient.HopResponse(0, null, null, "no gateway URL for " + m.toCountry))));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).orTimeout(
                config.relay().requestTimeout().toMillis() + 5000, TimeUnit.MILLISECONDS).exceptionally(t -> null).join();
        Instant now = Instant.now();
        int receipts = 0;
        for (int i = 0; i < batch.size(); i++) {
            Message m = batch.get(i);
            CompletableFuture<HopClient.HopResponse> f = sent.get(i);
            HopClient.HopResponse response = f.isDone() ? f.join()
                    : new HopClient.HopResponse(0, null, null, "timeout");
            if (record(m, response, now)) {
                receipts++;
            }
        }
        messages.saveOutcomes(batch);
        return new Batch(batch.size(), receipts);
    }

    private Optional<String> target(Message m) {
        if (m.direction == Direction.INBOUND) {
            return Optional.of(strip(config.node().url()) + "/federation/v1/inbox");
        }
        return directory.current().participant(m.toCountry).map(Participant::gatewayUrl)
                .filter(u -> u != null && !u.isBlank()).map(u -> strip(u) + "/federation/v1/envelopes");
    }

    /** Records one outcome on the claimed row; returns whether a receipt from the node was stored. */
    private boolean record(Message m, HopClient.HopResponse response, Instant now) {
        if (response.success()) {
            if (m.direction == Direction.OUTBOUND) {
                m.lastError = null;
                m.state = MessageState.FORWARDED;
                m.forwardedAt = now;
                metrics.forwarded(m.toCountry);
                LOG.debugf("message %s forwarded to %s", m.messageId, m.toCountry);
                return false;
            }
            if (MessageType.RECEIPT.name().equals(m.type)) {
                delivered(m, now);
                return false;
            }
            String missing = missingReceipt(m, response);
            if (missing == null) {
                return takeReceipt(m, response, now);
            }
            // Delivered, but without proof: the node's inbox is idempotent and answers a redelivery
            // with the receipt it issued, so trying again is what gets the receipt, never a duplicate.
            LOG.warnf("message %s: the node's answer carries no valid receipt (%s); delivering again", m.messageId,
                    missing);
            return retry(m, "delivered without a valid receipt: " + missing, now);
        }
        if (response.permanent()) {
            m.lastError = describe(response);
            m.state = MessageState.DEAD;
            m.deadAt = now;
            metrics.dead(m.peer());
            LOG.warnf("message %s refused by %s: %s; now a dead letter", m.messageId, m.peer(), m.lastError);
            return false;
        }
        return retry(m, describe(response), now);
    }

    private boolean retry(Message m, String error, Instant now) {
        m.lastError = error;
        m.attempts++;
        metrics.retried(m.peer());
        m.nextAttemptAt = now.plus(backoff(m.attempts));
        LOG.infof("message %s to %s failed (attempt %d): %s; next at %s", m.messageId, m.peer(), m.attempts,
                m.lastError, m.nextAttemptAt);
        return false;
    }

    private void delivered(Message m, Instant now) {
        m.lastError = null;
        m.state = MessageState.DELIVERED;
        m.deliveredAt = now;
        metrics.delivered();
        LOG.debugf("message %s delivered to the node", m.messageId);
    }

    /** Why the node's answer to a delivery is not its receipt for the message, or null if it is. */
    private String missingReceipt(Message m, HopClient.HopResponse response) {
        if (response.body() == null || response.body().isBlank()) {
            return "empty answer (HTTP " + response.status() + ")";
        }
        if (response.contentType() == null || !response.contentType().startsWith(MediaTypes.ENVELOPE_JWS)) {
            return "answer is not " + MediaTypes.ENVELOPE_JWS;
        }
        try {
            Envelope e = EnvelopeVerifier.peek(response.body().strip());
            if (e.type() != MessageType.RECEIPT || !m.messageId.equals(e.inReplyTo()) || !e.to().equals(m.fromCountry)) {
                return "the answer is not the receipt of this message";
            }
            return null;
        } catch (ProtocolException e) {
            return e.problem().type().toString();
        }
    }

    /**
     * The node answers a delivery with its signed RECEIPT. Checked like any outbound envelope of the
     * node, it is stored for relaying back to the sender and marks the message RECEIPTED here.
     */
    private boolean takeReceipt(Message m, HopClient.HopResponse response, Instant now) {
        try {
            VerifiedEnvelope receipt = border.check(Direction.OUTBOUND, new Caller(Caller.NODE, config.country()),
                    response.body().strip());
            Message stored = store.insert(receipt, Direction.OUTBOUND);
            delivered(m, now);
            m.state = MessageState.RECEIPTED;
            m.receiptedAt = now;
            m.receiptMessageId = receipt.envelope().messageId();
            metrics.receipted();
            return stored != null;
        } catch (ProtocolException e) {
            LOG.warnf("message %s: the node's receipt was refused: %s; delivering again", m.messageId, e.problem().type());
            return retry(m, "the node's receipt was refused: " + e.problem().type(), now);
        }
    }

    private Duration backoff(int attempts) {
        long initial = config.relay().initialBackoff().toMillis();
        long max = config.relay().maxBackoff().toMillis();
        long delay = Math.min(max, initial << Math.min(attempts - 1, 30));
        // Equal jitter: at least half the delay, so that retries spread out but never stampede.
        return Duration.ofMillis(delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1));
    }

    private void sweep() {
        long now = System.currentTimeMillis();
        long last = lastSweep.get();
        if (now - last < 1000 || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        int dead = QuarkusTransaction.requiringNew().call(() -> messages.expire(Instant.now()));
        if (dead > 0) {
            metrics.dead("deadline", dead);
            LOG.warnf("%d messages passed their deadline undelivered: now dead letters", dead);
        }
    }

    private static String describe(HopClient.HopResponse r) {
        String text;
        if (r.status() == 0) {
            text = "unreachable: " + r.failure();
        } else {
            text = "HTTP " + r.status();
            if (r.contentType() != null && r.contentType().startsWith(MediaTypes.PROBLEM_JSON) && r.body() != null) {
                text += " " + problemSummary(r.body());
            }
        }
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }

    /** Type and hop of a relayed problem; its detail is left out so that nothing from a peer is echoed. */
    private static String problemSummary(String body) {
        try {
            var problem = org.trm.model.json.Json.MAPPER.readTree(body);
            return problem.path("type").asText("") + " at " + problem.path("hop").asText("?");
        } catch (Exception e) {
            return "";
        }
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
