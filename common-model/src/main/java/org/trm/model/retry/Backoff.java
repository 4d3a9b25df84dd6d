package org.trm.model.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before the next attempt at a hop: the delay doubles from {@code initial} on each
 * failure up to {@code max}, with equal jitter (at least half the delay), so that retries spread
 * out but never stampede a peer that comes back.
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial.toMillis() < 1 || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off needs 1 ms <= initial <= max");
        }
    }

    /** The delay after {@code failures} failed attempts (1 for the first failure). */
    public Duration after(int failures) {
        long ceiling = ceiling(failures);
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    /** The longest delay {@link #after} may return for this many failures. */
    public long ceiling(int failures) {
        long initialMillis = initial.toMillis();
        int doublings = Math.max(0, failures - 1);
        if (doublings >= Long.numberOfLeadingZeros(initialMillis) - 1) {
            return max.toMillis();
        }
        return Math.min(max.toMillis(), initialMillis << doublings);
    }
}
