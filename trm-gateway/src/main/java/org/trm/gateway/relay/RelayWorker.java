package org.trm.gateway.relay;

import org.trm.model.status.MessageState;
import org.trm.model.status.Direction;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.directory.DirectoryHolder;
import org.trm.gateway.ops.RelayMetrics;
import org.trm.model.identity.CertificateIdentity;
import org.trm.model.directory.Participant;
import org.trm.model.envelope.Envelope;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.envelope.MessageType;
import org.trm.model.envelope.VerifiedEnvelope;
import org.trm.model.problem.ProtocolException;
import org.trm.model.retry.Backoff;

/**
 * Forwards outbound messages to peer gateways and delivers inbound ones to the own node. Newly
 * accepted messages come straight from the {@link AcceptCommitter}, stored already leased; one
 * dispatcher per direction leases the rest as they fall due ({@link MessageRepository#lease}:
 * retries, and what a crashed or busy instance left) and sends them at once, up to a limit in
 * flight; no database connection waits on the network. Each answer goes to the outcome writer,
 * which records outcomes (and the receipts deliveries bring back) in batches.
 * A crash before an outcome is written leaves the message ACCEPTED and it is sent again when its
 * lease ends (receivers are idempotent by messageId and content), so nothing is lost. Failures back
 * off exponentially with jitter until the message's deadline, then it is DEAD.
 */
@ApplicationScoped
public class RelayWorker {
    private static final Logger LOG = Logger.getLogger(RelayWorker.class);
    private static final int MAX_ERROR = 300;
    private static final int MAX_OUTCOMES = 256;
    /** Well below the peers' request size limit (16 MB by default). */
    private static final long MAX_BATCH_CHARS = 4L << 20;

    @Inject
    GatewayConfig config;

    @Inject
    MessageRepository messages;

    @Inject
    DirectoryHolder directory;

    @Inject
    BorderCheck border;

    @Inject
    HopClient hops;

    @Inject
    RelayMetrics metrics;

    private final Map<Direction, Signal> signals = new EnumMap<>(Direction.class);
    private final Map<Direction, Semaphore> inFlight = new EnumMap<>(Direction.class);
    private final BlockingQueue<Sent> outcomes = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong lastSweep = new AtomicLong();
    private volatile boolean running;

    /** A leased message and what its next hop answered. */
    private record Sent(Message message, HopClient.HopResponse response) {
    }

    /** Wakes a sleeping dispatcher: new work was committed. */
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

    private Backoff backoff;

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
        backoff = new Backoff(config.relay().initialBackoff(), config.relay().maxBackoff());
        running = true;
        for (Direction d : Direction.values()) {
            inFlight.put(d, new Semaphore(config.relay().maxInFlight()));
            start("relay-" + d.name().toLowerCase(), () -> dispatch(d));
        }
        start("relay-outcomes", this::writeOutcomes);
    }

    private void start(String name, Runnable loop) {
        Thread t = new Thread(loop, name);
        t.setDaemon(true);
        t.start();
        threads.add(t);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        threads.forEach(Thread::interrupt);
    }

    public void wake(Direction direction) {
        signals.get(direction).raise();
    }

    /** How long a message sent by this instance is kept from others: past it, an unanswered send counts as lost. */
    private Duration lease() {
        return config.relay().requestTimeout().multipliedBy(2).plusSeconds(5);
    }

    /**
     * Stores messages with {@code store}, which answers, per message, whether it was new. Those the
     * relay has room for in flight are stored already leased to this instance and sent as soon as
     * {@code store} returns (committed): no claim is needed for them, nor waited for. The others
     * are stored due, and the dispatcher is woken for them.
     */
    boolean[] storeAndSend(List<Message> toStore, Function<List<Message>, boolean[]> store) {
        Reservation reservation = reserve(toStore);
        boolean[] stored;
        try {
            stored = store.apply(toStore);
        } catch (RuntimeException e) {
            cancel(reservation);
            throw e;
        }
        handOver(reservation, toStore, stored);
        return stored;
    }

    /** Places in flight taken for messages about to be stored. */
    private static final class Reservation {
        /** By identity: two messages of one group may share an id, and only one of them is stored. */
        private final Set<Message> held = Collections.newSetFromMap(new IdentityHashMap<>());
    }

    /** Takes a place in flight for each message, while there are places, and leases it to this instance. */
    private Reservation reserve(List<Message> toStore) {
        Reservation reservation = new Reservation();
        Instant leasedUntil = Instant.now().plus(lease());
        for (Message m : toStore) {
            Semaphore permits = inFlight.get(m.direction);
            if (running && permits != null && permits.tryAcquire()) {
                m.nextAttemptAt = leasedUntil;
                reservation.held.add(m);
            }
        }
        return reservation;
    }

    /** Sends the new messages that hold a place, frees the places of the others, wakes the dispatcher for the rest. */
    private void handOver(Reservation reservation, List<Message> toStore, boolean[] stored) {
        List<Message> toSend = new ArrayList<>();
        for (int i = 0; i < toStore.size(); i++) {
            Message m = toStore.get(i);
            boolean held = reservation.held.remove(m);
            if (held && stored[i]) {
                toSend.add(m);
            } else if (held) {
                inFlight.get(m.direction).release();
            } else if (stored[i]) {
                wake(m.direction);
            }
        }
        if (!toSend.isEmpty()) {
            send(toSend);
        }
    }

    /** The store failed: nothing was stored, every place is free again. */
    private void cancel(Reservation reservation) {
        reservation.held.forEach(m -> inFlight.get(m.direction).release());
        reservation.held.clear();
    }

    private void dispatch(Direction direction) {
        long idle = config.relay().pollInterval().toMillis();
        Semaphore permits = inFlight.get(direction);
        while (running) {
            int wanted = 0;
            try {
                sweep();
                permits.acquire();
                wanted = 1 + permits.drainPermits();
                int surplus = Math.max(0, wanted - config.relay().batchSize());
                permits.release(surplus);
                wanted -= surplus;
                List<Message> leased = messages.lease(direction, wanted, lease());
                permits.release(wanted - leased.size());
                wanted = 0;
                send(leased);
                if (leased.isEmpty()) {
                    signals.get(direction).await(idle);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                permits.release(wanted);
                if (!running) {
                    return;
                }
                LOG.errorf("relay %s: leasing failed: %s", direction, e.getClass().getSimpleName());
                sleep(idle);
            }
        }
    }

    /**
     * Sends leased messages in batches per next hop (a peer gateway, or the own node, which answers
     * each delivery in a batch with its receipt) of at most {@code batch-size} envelopes and
     * {@value #MAX_BATCH_CHARS} characters ({@code trm.node.max-batch-chars} to the node). Every
     * message's answer goes to the outcome writer.
     */
    private void send(List<Message> leased) {
        Map<String, List<Message>> byHop = new LinkedHashMap<>();
        for (Message m : leased) {
            Optional<String> url = target(m);
            if (url.isEmpty()) {
                outcomes.add(new Sent(m, new HopClient.HopResponse(0, null, null, "no gateway URL for " + m.toCountry)));
            } else {
                byHop.computeIfAbsent(url.get(), u -> new ArrayList<>()).add(m);
            }
        }
        byHop.forEach((url, messages) -> {
            long maxChars = messages.get(0).direction == Direction.INBOUND ? config.node().maxBatchChars() : MAX_BATCH_CHARS;
            List<Message> batch = new ArrayList<>();
            long chars = 0;
            for (Message m : messages) {
                if (!batch.isEmpty() && (batch.size() == config.relay().batchSize() || chars + m.jws.length() > maxChars)) {
                    sendBatch(url, batch);
                    batch = new ArrayList<>();
                    chars = 0;
                }
                batch.add(m);
                chars += m.jws.length();
            }
            sendBatch(url, batch);
        });
    }

    private void sendBatch(String url, List<Message> batch) {
        hops.postBatch(url, batch.stream().map(m -> m.jws).toList()).thenAccept(responses -> {
            for (int i = 0; i < batch.size(); i++) {
                outcomes.add(new Sent(batch.get(i), responses.get(i)));
            }
        });
    }

    /** Records outcomes in batches: whatever arrived while the previous batch was written forms the next. */
    private void writeOutcomes() {
        List<Sent> batch = new ArrayList<>(MAX_OUTCOMES);
        while (running) {
            try {
                batch.add(outcomes.take());
                outcomes.drainTo(batch, MAX_OUTCOMES - 1);
                Instant now = Instant.now();
                List<Message> receipts = new ArrayList<>();
                for (Sent sent : batch) {
                    record(sent.message(), sent.response(), now).ifPresent(receipts::add);
                }
                List<Message> recorded = batch.stream().map(Sent::message).toList();
                storeAndSend(receipts, toStore -> messages.saveOutcomes(recorded, toStore));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Never let this thread die: the batch's messages stay leased and are sent again
                // when the lease ends, late but never lost.
                LOG.errorf("recording %d relay outcomes failed: %s; they are sent again after their lease",
                        batch.size(), e.getClass().getSimpleName());
            } finally {
                for (Sent sent : batch) {
                    inFlight.get(sent.message().direction).release();
                }
                batch.clear();
            }
        }
    }

    private Optional<String> target(Message m) {
        if (m.direction == Direction.INBOUND) {
            return Optional.of(strip(config.node().url()) + "/federation/v1/inbox");
        }
        return directory.current().participant(m.toCountry).map(Participant::gatewayUrl)
                .filter(u -> u != null && !u.isBlank()).map(u -> strip(u) + "/federation/v1/envelopes");
    }

    /** Records one outcome on the leased message; returns the node's receipt to store, if it brought one. */
    private Optional<Message> record(Message m, HopClient.HopResponse response, Instant now) {
        if (response.success()) {
            if (m.direction == Direction.OUTBOUND) {
                m.lastError = null;
                m.state = MessageState.FORWARDED;
                m.forwardedAt = now;
                metrics.forwarded(m.toCountry);
                LOG.debugf("message %s forwarded to %s", m.messageId, m.toCountry);
                return Optional.empty();
            }
            if (MessageType.RECEIPT.name().equals(m.type)) {
                delivered(m, now);
                return Optional.empty();
            }
            NodeAnswer answer = readAnswer(m, response);
            String missing = answer.missing();
            if (missing == null) {
                return takeReceipt(m, answer.receipt(), now);
            }
            // Delivered, but without proof: the node's inbox is idempotent and answers a redelivery
            // with the receipt it issued, so trying again is what gets the receipt, never a duplicate.
            LOG.warnf("message %s: the node's answer carries no valid receipt (%s); delivering again", m.messageId,
                    missing);
            retry(m, "delivered without a valid receipt: " + missing, now);
            return Optional.empty();
        }
        if (response.permanent()) {
            m.lastError = describe(response);
            m.state = MessageState.DEAD;
            m.deadAt = now;
            metrics.dead(m.peer());
            LOG.warnf("message %s refused by %s: %s; now a dead letter", m.messageId, m.peer(), m.lastError);
            return Optional.empty();
        }
        retry(m, describe(response), now);
        return Optional.empty();
    }

    private void retry(Message m, String error, Instant now) {
        m.lastError = error;
        m.attempts++;
        metrics.retried(m.peer());
        m.nextAttemptAt = now.plus(backoff.after(m.attempts));
        LOG.infof("message %s to %s failed (attempt %d): %s; next at %s", m.messageId, m.peer(), m.attempts,
                m.lastError, m.nextAttemptAt);
    }

    private void delivered(Message m, Instant now) {
        m.lastError = null;
        m.state = MessageState.DELIVERED;
        m.deliveredAt = now;
        metrics.delivered();
        LOG.debugf("message %s delivered to the node", m.messageId);
    }

    /** The node's answer to a delivery: its receipt for the message, or why it is not. */
    private record NodeAnswer(EnvelopeVerifier.Unverified receipt, String missing) {
    }

    private static NodeAnswer readAnswer(Message m, HopClient.HopResponse response) {
        if (response.body() == null || response.body().isBlank()) {
            return new NodeAnswer(null, "empty answer (HTTP " + response.status() + ")");
        }
        if (response.contentType() == null || !response.contentType().startsWith(MediaTypes.ENVELOPE_JWS)) {
            return new NodeAnswer(null, "answer is not " + MediaTypes.ENVELOPE_JWS);
        }
        try {
            EnvelopeVerifier.Unverified answer = EnvelopeVerifier.read(response.body().strip());
            Envelope e = answer.claimed();
            if (e.type() != MessageType.RECEIPT || !m.messageId.equals(e.inReplyTo()) || !e.to().equals(m.fromCountry)) {
                return new NodeAnswer(null, "the answer is not the receipt of this message");
            }
            return new NodeAnswer(answer, null);
        } catch (ProtocolException e) {
            return new NodeAnswer(null, e.problem().type().toString());
        }
    }

    /**
     * The node answers a delivery with its signed RECEIPT. Checked like any outbound envelope of the
     * node, it is stored for relaying back to the sender and marks the message RECEIPTED here.
     */
    private Optional<Message> takeReceipt(Message m, EnvelopeVerifier.Unverified answer, Instant now) {
        try {
            VerifiedEnvelope receipt = border.check(Direction.OUTBOUND, new CertificateIdentity(CertificateIdentity.NODE, config.country()), answer);
            delivered(m, now);
            m.state = MessageState.RECEIPTED;
            m.receiptedAt = now;
            m.receiptMessageId = receipt.envelope().messageId();
            metrics.receipted();
            return Optional.of(MessageStore.toMessage(receipt, Direction.OUTBOUND));
        } catch (ProtocolException e) {
            LOG.warnf("message %s: the node's receipt was refused: %s; delivering again", m.messageId, e.problem().type());
            retry(m, "the node's receipt was refused: " + e.problem().type(), now);
            return Optional.empty();
        }
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
