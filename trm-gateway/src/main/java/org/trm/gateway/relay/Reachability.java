package org.trm.gateway.relay;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.store.Message;
import org.trm.gateway.store.MessageRepository;
import org.trm.gateway.store.MessageRepository.Hop;
import org.trm.model.problem.Incident;
import org.trm.model.retry.NextLook;
import org.trm.model.retry.PeerWatch;

/**
 * Notices that a next hop (a peer gateway, or the own node) is back, so that what waits for it goes
 * now rather than after its back-off of up to {@code max-backoff}: the first answer from a hop after
 * it failed makes every message that waits for it due ({@link MessageRepository#dueNow}), and while
 * messages wait, the one due first goes early as a probe, at most once a second per hop and one at
 * a time ({@link PeerWatch}). Answers are reported from the HTTP client's callbacks, which only touch
 * memory; the database work is done on a thread of its own.
 */
@ApplicationScoped
public class Reachability {
    private static final Logger LOG = Logger.getLogger(Reachability.class);
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

    @Inject
    GatewayConfig config;

    @Inject
    MessageRepository messages;

    @Inject
    InFlight inFlight;

    @Inject
    Wakeup wakeup;

    private final Map<Hop, PeerWatch> watches = new ConcurrentHashMap<>();
    /** The probe on its way to each hop. */
    private final Map<Hop, UUID> probes = new ConcurrentHashMap<>();
    /** Hops that answered again, whose waiting messages are to be made due. */
    private final Set<Hop> returned = ConcurrentHashMap.newKeySet();
    private final Object signal = new Object();
    private volatile Thread worker;
    private boolean failing;
    /** When messages next need to be looked for in back-off: none are, unless this instance stored one since. */
    private NextLook backingOff;

    @PostConstruct
    void init() {
        backingOff = new NextLook(config.relay().pollInterval());
    }

    void start(@Observes StartupEvent event) {
        if (!config.relay().enabled()) {
            return;
        }

        Thread t = new Thread(this::loop, "relay-reachability");
        t.setDaemon(true);
        worker = t;
        t.start();
    }

    void stop(@Observes ShutdownEvent event) {
        Thread t = worker;
        worker = null;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Failed attempts were recorded (committed): their messages wait in back-off, and may be probed. */
    void backedOff() {
        backingOff.wake();
    }

    /** A batch goes to its next hop now. */
    void sending(List<Message> batch) {
        watch(hopOf(batch.get(0))).sent(Instant.now());
    }

    /** What the next hop answered for a batch (from an HTTP callback: memory only, no waiting). */
    void answered(List<Message> batch, List<HopResponse> responses) {
        Hop hop = hopOf(batch.get(0));
        UUID probe = probes.get(hop);
        boolean isProbe = probe != null && batch.stream().anyMatch(m -> m.messageId.equals(probe));
        if (isProbe) {
            probes.remove(hop, probe);
        }
        PeerWatch watch = watch(hop);
        // Taken, or refused for good: either way the hop is there to answer.
        if (responses.stream().anyMatch(r -> r.success() || r.permanent())) {
            if (watch.answered(isProbe)) {
                returned.add(hop);
                synchronized (signal) {
                    signal.notifyAll();
                }
            }
        } else {
            watch.failed(isProbe);
        }
    }

    private void loop() {
        while (worker != null) {
            try {
                synchronized (signal) {
                    if (returned.isEmpty()) {
                        signal.wait(PROBE_INTERVAL.toMillis());
                    }
                }
                makeDue();
                probe();
                if (failing) {
                    failing = false;
                    LOG.info("relay reachability: the database answers again");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (worker == null) {
                    return;
                }
                // One line for a run of failures (the database away), not one a second.
                if (!failing) {
                    LOG.errorf("relay reachability: %s", Incident.of(e));
                }
                failing = true;
            }
        }
    }

    private void makeDue() {
        for (Hop hop : new ArrayList<>(returned)) {
            returned.remove(hop);
            int due = messages.dueNow(hop);
            if (due > 0) {
                LOG.infof("%s answers again: %d waiting message(s) due now", name(hop), due);
                wakeup.raise(hop.direction());
            }
        }
    }

    /** For each hop that messages wait for: one of them early, unless a probe or other traffic went within the interval. */
    private void probe() {
        Instant now = Instant.now();
        if (!backingOff.due(now)) {
            return;
        }
        backingOff.begin();
        List<Hop> hops = messages.hopsBackingOff();
        if (hops.isEmpty()) {
            backingOff.quietUntil(null, now);
        }
        for (Hop hop : hops) {
            PeerWatch watch = watch(hop);
            if (!watch.startProbe(now)) {
                continue;
            }
            Semaphore places = inFlight.places(hop.direction());
            if (!places.tryAcquire()) {
                watch.probeNotSent();
                continue;
            }
            List<Message> probe = messages.leaseProbe(hop, inFlight.lease());
            if (probe.isEmpty()) {
                places.release();
                watch.probeNotSent();
                continue;
            }
            probes.put(hop, probe.get(0).messageId);
            LOG.debugf("probing %s with message %s", name(hop), probe.get(0).messageId);
            inFlight.send(probe);
        }
    }

    private PeerWatch watch(Hop hop) {
        return watches.computeIfAbsent(hop, h -> new PeerWatch(PROBE_INTERVAL, inFlight.lost()));
    }

    private static Hop hopOf(Message m) {
        return new Hop(m.direction, m.toCountry);
    }

    private static String name(Hop hop) {
        return hop.direction() == org.trm.model.status.Direction.INBOUND ? "the node" : "gateway " + hop.toCountry();
    }
}
