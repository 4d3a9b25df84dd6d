package org.trm.model.retry;

import java.time.Duration;
import java.time.Instant;

/**
 * When a poller next needs to look at its store. A poller that finds nothing to do, and knows when
 * the earliest waiting item falls due (or that nothing waits), skips its looks until then instead of
 * querying its database every second: what an idle federation of many processes spends is mostly
 * such looks. Whatever may make work due sooner wakes it ({@link #wake}); a wake that comes while a
 * look runs is not undone by that look's verdict. The quiet is never longer than a bound, so that
 * what reached the store some other way (another process, an operator) is still found. One look at
 * a time; thread-safe; no I/O.
 */
public final class NextLook {
    private final Duration longest;
    private Instant next = Instant.EPOCH;
    private long wakes;
    private long wakesAtLook;

    /** @param longest the longest quiet, however far off the next due item is */
    public NextLook(Duration longest) {
        this.longest = longest;
    }

    /** Whether a look is due at {@code now}: woken, or the quiet is over. */
    public synchronized boolean due(Instant now) {
        return !now.isBefore(next);
    }

    /** How long until a look is due (zero: it is), for a poller that sleeps until then. */
    public synchronized Duration until(Instant now) {
        return now.isBefore(next) ? Duration.between(now, next) : Duration.ZERO;
    }

    /** A look starts: what it finds decides the quiet after it, unless a wake comes meanwhile. */
    public synchronized void begin() {
        wakesAtLook = wakes;
    }

    /**
     * The look found nothing to do before {@code until} ({@code null}: nothing waits at all): no look
     * is due before then, nor after {@code now} plus the bound. Ignored if woken since {@link #begin}.
     */
    public synchronized void quietUntil(Instant until, Instant now) {
        if (wakes != wakesAtLook) {
            return;
        }
        Instant bound = now.plus(longest);
        next = until == null || until.isAfter(bound) ? bound : until;
    }

    /** Work may be due now: the next look is. */
    public synchronized void wake() {
        wakes++;
        next = Instant.EPOCH;
    }
}
