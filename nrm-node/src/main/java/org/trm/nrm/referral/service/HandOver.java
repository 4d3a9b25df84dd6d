package org.trm.nrm.referral.service;

import java.time.Duration;
import java.time.Instant;
import org.trm.model.retry.Backoff;
import org.trm.nrm.referral.GatewayClient;

/**
 * What becomes of a leased outbox message, given what the gateway answered, as a pure function (no
 * I/O; the {@link OutboxWorker} stores it): taken, SENT; refused for good, FAILED; anything else
 * (unreachable, a retryable refusal) tried again after the back-off, or FAILED if it expires first.
 */
final class HandOver {
    private static final int MAX_ERROR = 300;

    private final Backoff backoff;

    HandOver(Backoff backoff) {
        this.backoff = backoff;
    }

    enum Kind { SENT, FAILED, RETRY }

    /** The decision: {@code next} is set for a retry only, {@code why} is null when SENT. */
    record Outcome(Kind kind, Instant next, String why) {
    }

    /**
     * @param answer   what the gateway answered, or null when it could not be reached
     * @param attempts the attempts so far, this one included
     */
    Outcome decide(GatewayClient.Answer answer, int attempts, Instant expiresAt, Instant now) {
        if (answer != null && answer.accepted()) {
            return new Outcome(Kind.SENT, null, null);
        }
        if (answer != null && !answer.retryable()) {
            return new Outcome(Kind.FAILED, null, clip("refused by the gateway: " + answer.problemType()));
        }
        String why = answer == null ? "gateway unreachable" : "gateway answered " + answer.status();
        if (!now.isBefore(expiresAt)) {
            return new Outcome(Kind.FAILED, null, clip("expired before the gateway took it; last error: " + why));
        }
        Duration delay = backoff.after(attempts);
        return new Outcome(Kind.RETRY, now.plus(delay), why);
    }

    private static String clip(String why) {
        return why.length() > MAX_ERROR ? why.substring(0, MAX_ERROR) : why;
    }
}
