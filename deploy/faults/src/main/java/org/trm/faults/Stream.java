package org.trm.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.trm.model.json.Json;

/**
 * The traffic the faults hit: at a steady rate, each country's coordinator refers new cases to the
 * partners the directory's agreements allow, and sends case updates in conversations open either
 * way (as the referring and as the receiving country). Each country's requests run on their own
 * threads, so that a node that is down or hangs slows only its own share. A request that fails is
 * not retried: what counts is what the nodes answered 202 for (see {@link Ledger}).
 */
final class Stream implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** How long after a referral its receiver is expected to hold it, so that it may answer in it. */
    private static final Duration SETTLED = Duration.ofSeconds(20);
    /** How long a conversation rests between two of the stream's messages. */
    private static final Duration QUIET = Duration.ofSeconds(10);

    private final Map<String, NodeApi> nodes;
    private final List<String[]> directions;
    private final double rate;
    private final Ledger ledger;
    private final Map<String, ThreadPoolExecutor> senders = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile boolean running;
    private Thread pacer;

    /** {@code directions}: the pairs {from, to} that may exchange messages; {@code rate}: messages per second. */
    Stream(Map<String, NodeApi> nodes, List<String[]> directions, double rate, Ledger ledger) {
        this.nodes = nodes;
        this.directions = directions;
        this.rate = rate;
        this.ledger = ledger;
        for (String cc : nodes.keySet()) {
            // A short queue: when a node does not keep up, its share is dropped, not piled up.
            senders.put(cc, new ThreadPoolExecutor(4, 4, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(8),
                    (task, pool) -> dropped.incrementAndGet()));
        }
    }

    void start() {
        running = true;
        pacer = new Thread(this::pace, "stream-pacer");
        pacer.setDaemon(true);
        pacer.start();
    }

    private void pace() {
        long interval = (long) (1_000_000_000L / rate);
        long next = System.nanoTime();
        while (running) {
            next += interval;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            } else if (wait < -1_000_000_000L) {
                next = System.nanoTime(); // fell behind by more than a second: do not burst to catch up
            }
            String[] direction = directions.get(ThreadLocalRandom.current().nextInt(directions.size()));
            double pick = ThreadLocalRandom.current().nextDouble();
            boolean reply = pick >= 0.75;
            Ledger.Conversation conversation = pick < 0.3 ? null : ledger.recent(direction[0], direction[1],
                    Instant.now().minus(reply ? SETTLED : Duration.ZERO), 300, QUIET);
            if (conversation == null) {
                senders.get(direction[0]).execute(() -> refer(direction[0], direction[1]));
            } else if (!reply) {
                senders.get(direction[0]).execute(() -> update(conversation, false));
            } else {
                // The receiving side answers in a conversation the other country opened.
                senders.get(direction[1]).execute(() -> update(conversation, true));
            }
        }
    }

    private void refer(String from, String to) {
        NodeApi node = nodes.get(from);
        try {
            NodeApi.Answer created = node.call("POST", "/api/v1/cases", Json.write(Map.of(
                    "identificationStatus", "PRESUMED", "formsOfExploitation", List.of("Labour"), "citizenship", to,
                    "countryOfExploitation", from, "sex", "Female", "ageAtIdentification", 30)), TIMEOUT);
            if (created.status() != 201) {
                refused.incrementAndGet();
                return;
            }
            String caseId = field(created, "id");
            NodeApi.Answer consent = node.call("POST", "/api/v1/cases/" + caseId + "/consents", Json.write(Map.of(
                    "scope", "SHARE_WITH_COUNTRY", "country", to, "givenBy", "VICTIM", "language", "en")), TIMEOUT);
            if (consent.status() != 201) {
                refused.incrementAndGet();
                return;
            }
            NodeApi.Answer queued = node.call("POST", "/api/v1/cases/" + caseId + "/referrals",
                    Json.write(Map.of("to", to, "reason", "AdditionalServicesRequired")), TIMEOUT);
            if (queued.status() != 202) {
                refused.incrementAndGet();
                return;
            }
            UUID conversation = UUID.fromString(field(queued, "conversationId"));
            Instant at = Instant.now();
            ledger.sent(new Ledger.Sent(UUID.fromString(field(queued, "messageId")), conversation, "REFERRAL", from, to, at));
            ledger.opened(new Ledger.Conversation(conversation, from, to, at));
        } catch (Exception e) {
            errors.incrementAndGet();
        }
    }

    /** A case update in {@code conversation}, sent by the country referred to if {@code reply}, else by the referrer. */
    private void update(Ledger.Conversation conversation, boolean reply) {
        String from = reply ? conversation.to() : conversation.from();
        String to = reply ? conversation.from() : conversation.to();
        try {
            NodeApi.Answer queued = nodes.get(from).call("POST", "/api/v1/referrals/" + conversation.id() + "/messages",
                    Json.write(Map.of("type", "CASE_UPDATE", "note", "update from " + from)), TIMEOUT);
            if (queued.status() != 202) {
                refused.incrementAndGet();
                return;
            }
            ledger.sent(new Ledger.Sent(UUID.fromString(field(queued, "messageId")), conversation.id(), "CASE_UPDATE",
                    from, to, Instant.now()));
        } catch (Exception e) {
            errors.incrementAndGet();
        }
    }

    /**
     * {@code count} case updates from {@code country} at once, into conversations it opened, on
     * threads of their own: so that its outbox holds messages when a fault strikes.
     */
    void burst(String country, int count) throws InterruptedException {
        List<String[]> mine = directions.stream().filter(d -> d[0].equals(country)).toList();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] d = mine.get(i % mine.size());
            Ledger.Conversation c = ledger.recent(d[0], d[1], Instant.now(), 300, Duration.ZERO);
            if (c == null) {
                continue;
            }
            Thread t = new Thread(() -> update(c, false), "burst-" + country);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static String field(NodeApi.Answer answer, String name) {
        JsonNode value = Json.read(answer.body(), JsonNode.class).get(name);
        if (value == null || !value.isTextual()) {
            throw new IllegalStateException("no " + name + " in the answer");
        }
        return value.asText();
    }

    /** Requests a node answered with anything but success, requests that got no answer, ticks dropped. */
    Map<String, Long> misses() {
        return Map.of("refused", refused.get(), "noAnswer", errors.get(), "dropped", dropped.get());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (pacer != null) {
            pacer.interrupt();
            pacer.join();
        }
        for (ThreadPoolExecutor pool : senders.values()) {
            pool.shutdown();
        }
        for (ThreadPoolExecutor pool : senders.values()) {
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }
}
