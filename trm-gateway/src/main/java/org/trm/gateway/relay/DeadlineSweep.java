package org.trm.gateway.relay;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.trm.gateway.metrics.RelayMetrics;
import org.trm.gateway.store.MessageRepository;

/**
 * Makes every undelivered message past its deadline a dead letter, in one statement, at most once
 * a second however many dispatchers ask: messages waiting for their next attempt, and those whose
 * lease ended with nobody to record an outcome, are not seen by the outcome recorder. Each gets its
 * failure signal in the same transaction ({@link FailureSignals}), which the relay then sends.
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

    private final AtomicLong lastSweep = new AtomicLong();

    void sweepIfDue() {
        long now = System.currentTimeMillis();
        long last = lastSweep.get();
        if (now - last < 1000 || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        Instant at = Instant.now();
        MessageRepository.Expired expired = messages.expire(at, m -> signals.expired(m, at));
        if (expired.dead() > 0) {
            metrics.dead("deadline", expired.dead());
            LOG.warnf("%d messages passed their deadline undelivered: now dead letters, %d failure signals sent",
                    expired.dead(), expired.signals().size());
        }
        expired.signals().stream().map(m -> m.direction).distinct().forEach(wakeup::raise);
    }
}
