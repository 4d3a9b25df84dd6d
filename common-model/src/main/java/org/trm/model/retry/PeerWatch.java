package org.trm.model.retry;

import java.time.Duration;
import java.time.Instant;

/**
 * What a hop knows of one peer (a gateway, a node) that it sends to, so that it notices the peer's
 * return: messages to a peer that failed wait out their own back-off (up to minutes), and without
 * this a backlog would sit that long after the peer is back. So the first answer from a peer after
 * a failure says "make the waiting messages due now", and while messages wait, a probe (one of them,
 * sent early) goes at most once per interval and never two at once. Thread-safe; no I/O.
 *
 * <p>A new watch suspects the peer: what this hop left in back-off before it restarted is made due
 * on the first answer, not after its delay.
 */
public final class PeerWatch {
    private final Duration probeInterval;
    private final Duration probeTimeout;
    private boolean suspect = true;
    private boolean probing;
    private Instant probeStarted = Instant.EPOCH;
    private Instant lastExchange = Instant.EPOCH;

    /**
     * @param probeInterval the least time between two probes, or between something sent and a probe
     * @param probeTimeout  after which a probe whose answer was never reported counts as lost
     */
    public PeerWatch(Duration probeInterval, Duration probeTimeout) {
        this.probeInterval = probeInterval;
        this.probeTimeout = probeTimeout;
    }

    /** Something was sent to the peer at {@code now}: no probe is needed before the interval has passed. */
    public synchronized void sent(Instant now) {
        if (now.isAfter(lastExchange)) {
            lastExchange = now;
        }
    }

    /**
     * The peer answered (took a message, or refused it for good: either way it is there).
     *
     * @return whether the messages waiting in back-off for this peer should be made due now: it had
     *         failed (or nothing was known of it yet), or the answer was to a probe, which went only
     *         because messages wait
     */
    public synchronized boolean answered(boolean probe) {
        boolean reset = suspect || probe;
        suspect = false;
        if (probe) {
            probing = false;
        }
        return reset;
    }

    /** The peer did not answer, or answered that it cannot take messages now. */
    public synchronized void failed(boolean probe) {
        suspect = true;
        if (probe) {
            probing = false;
        }
    }

    /**
     * Whether to send a probe now, while messages to the peer wait in back-off: none is on its way
     * (or the one that is has timed out) and nothing was sent to the peer within the interval. If so,
     * the probe counts as started.
     */
    public synchronized boolean startProbe(Instant now) {
        if (probing && now.isBefore(probeStarted.plus(probeTimeout)) || now.isBefore(lastExchange.plus(probeInterval))) {
            return false;
        }
        probing = true;
        probeStarted = now;
        lastExchange = now;
        return true;
    }

    /** A probe that was started could not be sent after all (nothing left to send, no place in flight). */
    public synchronized void probeNotSent() {
        probing = false;
    }
}
