package org.trm.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.trm.gateway.store.MessageRepository;
import org.trm.model.problem.ProblemType;
import org.trm.model.status.Direction;

/**
 * The relay's Prometheus metrics (prefix {@code trm_gateway_}): counters for accepted, forwarded,
 * delivered, receipted, retried, dead and refused-at-the-border (per cause), and per peer the queue
 * depth and the age of its oldest waiting message, refreshed from the database every few seconds
 * so that they are true across replicas.
 */
@ApplicationScoped
public class RelayMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    MessageRepository messages;

    private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> depth = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> oldestAge = new ConcurrentHashMap<>();

    public void accepted(Direction direction) {
        counter("trm.gateway.accepted", "direction", direction.name().toLowerCase()).increment();
    }

    public void forwarded(String peer) {
        counter("trm.gateway.forwarded", "peer", peer).increment();
    }

    public void delivered() {
        counter("trm.gateway.delivered", null, null).increment();
    }

    public void receipted() {
        counter("trm.gateway.receipted", null, null).increment();
    }

    public void retried(String peer) {
        counter("trm.gateway.retried", "peer", peer).increment();
    }

    public void dead(String peer) {
        dead(peer, 1);
    }

    public void dead(String cause, int count) {
        counter("trm.gateway.dead", "cause", cause).increment(count);
    }

    public void refused(ProblemType cause) {
        counter("trm.gateway.border.refusals", "cause", cause.name().toLowerCase()).increment();
    }

    /**
     * The counter of a name and at most one tag, looked up in the registry once: these count every
     * envelope on every hop, and the registry's own lookup builds an id each time.
     */
    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(new CounterKey(name, tag, value),
                key -> tag == null ? registry.counter(name) : registry.counter(name, tag, value));
    }

    private record CounterKey(String name, String tag, String value) {
    }

    @Scheduled(every = "5s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshQueue() {
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(messages::queueByPeer);
        Instant now = Instant.now();
        depth.values().forEach(v -> v.set(0));
        oldestAge.values().forEach(v -> v.set(0));
        for (Object[] row : rows) {
            String peer = Direction.valueOf((String) row[0]) == Direction.OUTBOUND ? (String) row[1] : "node";
            gauge(depth, "trm.gateway.queue.depth", peer).addAndGet(((Number) row[2]).longValue());
            Instant oldest = toInstant(row[3]);
            long age = oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toSeconds());
            AtomicLong a = gauge(oldestAge, "trm.gateway.queue.oldest.age.seconds", peer);
            a.set(Math.max(a.get(), age));
        }
    }

    /** The queue as last measured (every 5 s): per peer, messages waiting and the oldest one's age in seconds. */
    public Map<String, long[]> queueByPeer() {
        Map<String, long[]> queue = new TreeMap<>();
        depth.forEach((peer, d) -> queue.put(peer, new long[] {d.get(), oldestAge.getOrDefault(peer, new AtomicLong()).get()}));
        return queue;
    }

    private AtomicLong gauge(Map<String, AtomicLong> map, String name, String peer) {
        return map.computeIfAbsent(peer, p -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get).tag("peer", p).register(registry);
            return value;
        });
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return null;
    }
}
