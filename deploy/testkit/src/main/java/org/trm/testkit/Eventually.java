package org.trm.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something that happens asynchronously across processes, failing with the last error. */
public final class Eventually {
    private final Duration patience;

    private Eventually(Duration patience) {
        this.patience = patience;
    }

    public static Eventually await(Duration patience) {
        return new Eventually(patience);
    }

    public void until(BooleanSupplier condition) {
        untilAsserted(() -> {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("condition not met");
            }
        });
    }

    public void untilAsserted(Runnable assertion) {
        long until = System.nanoTime() + patience.toNanos();
        Throwable last;
        do {
            try {
                assertion.run();
                return;
            } catch (AssertionError | RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        } while (System.nanoTime() < until);
        throw new AssertionError("not within " + patience + ": " + last.getMessage(), last);
    }
}
