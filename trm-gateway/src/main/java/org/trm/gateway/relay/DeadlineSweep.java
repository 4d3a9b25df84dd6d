package org.trm.gateway.relay;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.metrics.RelayMetrics;
import org.trm.gateway.store.MessageRepository;
import org.trm.model.retry.NextLook;

/**
 * Makes every undelivered message past its deadline a dead letter, in one statement, at most once
 * a second however many dispatchers ask: messages waiting for their next attempt, and those whose
 * lease ended with nobody to record an outcome, are not seen by the outcome recorder. Each gets its
 * failure signal in the same transaction ({@link FailureSignals}), which the relay then sends.
 * Between sweeps it knows the first deadline to come, and does not look before it unless messages
 * are stored meanwhile (or the relay's poll interval has passed: another replica's).
 */
@ApplicationScoped
public class DeadlineSweep {
    private static final Logger LOG = Logger.getLogger(DeadlineSweep.class);

    @Inject
    MessageRepository messages;

    @Inject
    RelayMetrics metrics;

    @Inject
    FailureSignals signals;

    @Inject
    Wakeup wakeup;

    @Inject
    GatewayConfig config;

    private final AtomicLong lastSweep = new AtomicLong();
    private NextLook look;

    @PostConstruct
    void init() {
        look = new NextLook(config.relay().pollInterval());
    }

    /** Messages were stored (committed): one of them may have the first deadline. */
    void stored() {
        look.wake();
    }

    /** How long until the next sweep is due, for a dispatcher that sleeps (never less than the once-a-second limit). */
    long untilDueMillis() {
        long sinceLast = System.currentTimeMillis() - lastSweep.get();
        return Math.max(1000 - sinceLast, look.until(Instant.now()).toMillis());
    }

    void sweepIfDue() {
        long now = System.currentTimeMillis();
        long last = lastSweep.get();
        if (now - last < 1000 || !look.due(Instant.ofEpochMilli(now)) || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        look.begin();
        Instant at = Instant.now();
        MessageRepository.Expired expired = messages.expire(at, m -> signals.expired(m, at));
        look.quietUntil(expired.firstDeadline(), at);
        if (expired.dead() > 0) {
            metrics.dead("deadline", expired.dead());
            LOG.warnf("%d messages passed their deadline undelivered: now dead letters, %d failure signals sent",
                    expired.dead(), expired.signals().size());
        }
        expired.signals().stream().map(m -> m.direction).distinct().forEach(wakeup::raise);
    }
}
