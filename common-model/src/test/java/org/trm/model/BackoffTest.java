package org.trm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.trm.model.retry.Backoff;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60));

    @Test
    void shouldDoubleFromTheInitialDelayUpToTheMaximum() {
        assertEquals(500, backoff.ceiling(1));
        assertEquals(1000, backoff.ceiling(2));
        assertEquals(32_000, backoff.ceiling(7));
        assertEquals(60_000, backoff.ceiling(8), "64 s is capped at the maximum");
        assertEquals(60_000, backoff.ceiling(1_000), "no overflow however many failures");
        assertEquals(500, backoff.ceiling(0), "no failure yet waits the initial delay");
    }

    @Test
    void shouldWaitAtLeastHalfTheCeilingAndNeverMore() {
        for (int failures = 1; failures < 40; failures++) {
            long ceiling = backoff.ceiling(failures);
            for (int i = 0; i < 50; i++) {
                long delay = backoff.after(failures).toMillis();
                assertTrue(delay >= ceiling / 2 && delay <= ceiling, failures + " failures: " + delay);
            }
        }
    }

    @Test
    void shouldRefuseAMaximumBelowTheInitialDelay() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
    }
}
