package org.trm.gateway.relay;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.store.Message;
import org.trm.gateway.store.MessageRepository;
import org.trm.model.problem.Incident;
import org.trm.model.status.Direction;

/**
 * One thread per direction that leases due messages ({@link MessageRepository#lease}: retries, a
 * dead letter an operator retried, and what a crashed or busy instance left) as places in flight
 * free up, and hands them to the {@link NextHop}. Newly accepted messages do not wait for it:
 * {@link InFlight} sends them straight after their commit. No database connection waits on the
 * network. A crash before an outcome is written leaves the message ACCEPTED and it is sent again
 * when its lease ends (receivers are idempotent by messageId and content), so nothing is lost.
 */
@ApplicationScoped
public class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    /** The least sleep while something is due but could not be leased (another replica holds it this moment). */
    private static final long LEAST_IDLE_MILLIS = 50;

    @Inject
    GatewayConfig config;

    @Inject
    MessageRepository messages;

    @Inject
    InFlight inFlight;

    @Inject
    Wakeup wakeup;

    @Inject
    DeadlineSweep sweep;

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    void start(@Observes StartupEvent event) {
        if (!config.relay().enabled()) {
            LOG.info("relay workers disabled on this instance");
            return;
        }
        running = true;
        for (Direction d : Direction.values()) {
            Thread t = new Thread(() -> dispatch(d), "relay-" + d.name().toLowerCase());
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        threads.forEach(Thread::interrupt);
    }

    private void dispatch(Direction direction) {
        long idle = config.relay().pollInterval().toMillis();
        Semaphore places = inFlight.places(direction);
        boolean failing = false;
        while (running) {
            int wanted = 0;
            try {
                sweep.sweepIfDue();
                places.acquire();
                wanted = 1 + places.drainPermits();
                int surplus = Math.max(0, wanted - config.relay().batchSize());
                places.release(surplus);
                wanted -= surplus;
                List<Message> leased = messages.lease(direction, wanted, inFlight.lease());
                places.release(wanted - leased.size());
                wanted = 0;
                inFlight.send(leased);
                if (leased.isEmpty()) {
                    // Until the first waiting message or the next sweep is due, woken by new work.
                    long untilDue = messages.untilFirstDue(direction).map(Duration::toMillis).orElse(idle);
                    long sleep = Math.min(Math.min(untilDue, sweep.untilDueMillis()), idle);
                    wakeup.await(direction, Math.max(LEAST_IDLE_MILLIS, sleep));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                places.release(wanted);
                if (!running) {
                    return;
                }
                // One line for a run of failures (the database away), not one per poll.
                if (!failing) {
                    LOG.errorf("relay %s: leasing failed: %s", direction, Incident.of(e));
                }
                failing = true;
                sleep(idle);
                continue;
            }
            if (failing) {
                failing = false;
                LOG.infof("relay %s: leasing works again", direction);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
