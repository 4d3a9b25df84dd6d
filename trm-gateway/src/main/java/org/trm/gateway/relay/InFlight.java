package org.trm.gateway.relay;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.store.Message;
import org.trm.gateway.store.MessageRepository;
import org.trm.model.status.Direction;

/**
 * In-flight admission: at most {@code trm.relay.max-in-flight} messages per direction are on their
 * way to the next hop at once (leased, not yet recorded). Messages about to be stored take a place
 * while there are places and are stored already leased to this instance, then sent as soon as the
 * store commits: no claim is needed for them, nor waited for. The others are stored due, and the
 * dispatcher is woken for them. A place is freed when the message's outcome is recorded.
 *
 * <p>A lease is short ({@code trm.relay.lease}) and renewed while its message is on its way, so that
 * what an instance killed mid-send leaves is due again within seconds, not after the longest a send
 * may take: a backlog drains soon after a restart.
 */
@ApplicationScoped
public class InFlight {

    @Inject
    GatewayConfig config;

    @Inject
    NextHop nextHop;

    @Inject
    Wakeup wakeup;

    @Inject
    DeadlineSweep sweep;

    @Inject
    MessageRepository messages;

    private final Map<Direction, Semaphore> places = new EnumMap<>(Direction.class);
    private volatile boolean open;
    /** The messages this instance has on their way, whose leases it renews. */
    private final Set<UUID> onTheirWay = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void init() {
        if (config.relay().enabled()) {
            for (Direction d : Direction.values()) {
                places.put(d, new Semaphore(config.relay().maxInFlight()));
            }
        }
    }

    void start(@Observes StartupEvent event) {
        open = config.relay().enabled();
    }

    void stop(@Observes ShutdownEvent event) {
        open = false;
    }

    /** How long a message leased by this instance is kept from others unless renewed. */
    Duration lease() {
        return config.relay().lease();
    }

    /** Past this, a send that has not come back counts as lost (its time-out, twice, and a margin). */
    Duration lost() {
        return config.relay().requestTimeout().multipliedBy(2).plusSeconds(5);
    }

    /** Sends leased messages to their next hop, renewing their leases until their outcomes are recorded. */
    void send(List<Message> leased) {
        leased.forEach(m -> onTheirWay.add(m.messageId));
        nextHop.send(leased);
    }

    /**
     * Extends the leases of the messages on their way. One that lapsed (this instance was frozen
     * longer than a lease) is left to whoever took it: the receivers absorb the second send.
     */
    @Scheduled(every = "${trm.relay.lease-renewal:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void renewLeases() {
        if (!onTheirWay.isEmpty()) {
            messages.renewLeases(List.copyOf(onTheirWay), lease());
        }
    }

    /** The places of one direction, which the dispatcher takes before it leases. */
    Semaphore places(Direction direction) {
        return places.get(direction);
    }

    /** Frees the place a message held, once its outcome is recorded (or given up on). */
    void release(Message m) {
        onTheirWay.remove(m.messageId);
        places.get(m.direction).release();
    }

    /**
     * Stores messages with {@code store}, which answers, per message, whether it was new; those that
     * took a place are sent once it returns (committed).
     */
    public boolean[] storeAndSend(List<Message> toStore, Function<List<Message>, boolean[]> store) {
        Set<Message> held = reserve(toStore);
        boolean[] stored;
        try {
            stored = store.apply(toStore);
        } catch (RuntimeException e) {
            // Nothing was stored: every place is free again.
            held.forEach(this::release);
            throw e;
        }
        sweep.stored();
        handOver(held, toStore, stored);
        return stored;
    }

    /**
     * Takes a place for each message while there are places, and leases it to this instance. Held
     * by identity: two messages of one group may share an id, and only one of them is stored.
     */
    private Set<Message> reserve(List<Message> toStore) {
        Set<Message> held = Collections.newSetFromMap(new IdentityHashMap<>());
        Instant leasedUntil = Instant.now().plus(lease());
        for (Message m : toStore) {
            Semaphore permits = places.get(m.direction);
            if (open && permits != null && permits.tryAcquire()) {
                m.nextAttemptAt = leasedUntil;
                held.add(m);
            }
        }
        return held;
    }

    /** Sends the new messages that hold a place, frees the places of the others, wakes the dispatcher for the rest. */
    private void handOver(Set<Message> held, List<Message> toStore, boolean[] stored) {
        List<Message> toSend = new ArrayList<>();
        for (int i = 0; i < toStore.size(); i++) {
            Message m = toStore.get(i);
            boolean holds = held.remove(m);
            if (holds && stored[i]) {
                toSend.add(m);
            } else if (holds) {
                release(m);
            } else if (stored[i]) {
                wakeup.raise(m.direction);
            }
        }
        if (!toSend.isEmpty()) {
            send(toSend);
        }
    }
}
