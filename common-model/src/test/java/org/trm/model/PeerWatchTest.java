package org.trm.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.trm.model.retry.PeerWatch;

class PeerWatchTest {
    private static final Instant T = Instant.parse("2027-01-01T00:00:00Z");
    private final PeerWatch watch = new PeerWatch(Duration.ofSeconds(1), Duration.ofSeconds(25));

    @Test
    void shouldMakeWaitingMessagesDueOnTheFirstAnswerAfterAFailure() {
        assertTrue(watch.answered(false), "nothing known yet: what waits from before a restart goes now");
        assertFalse(watch.answered(false), "answering all along: nothing waits for it");
        watch.failed(false);
        assertTrue(watch.answered(false), "back after a failure");
        assertFalse(watch.answered(false));
    }

    @Test
    void shouldMakeWaitingMessagesDueWhenAProbeIsAnsweredEvenIfNothingFailedHere() {
        watch.answered(false);
        // Another replica's failures left messages waiting; this one's probe finds the peer there.
        assertTrue(watch.startProbe(T));
        assertTrue(watch.answered(true));
    }

    @Test
    void shouldProbeAtMostOnceAnIntervalAndOneAtATime() {
        assertTrue(watch.startProbe(T));
        assertFalse(watch.startProbe(T.plusMillis(500)), "the first probe is still on its way");
        watch.failed(true);
        assertFalse(watch.startProbe(T.plusMillis(800)), "less than an interval since the last probe");
        assertTrue(watch.startProbe(T.plusMillis(1100)));
        assertFalse(watch.startProbe(T.plusSeconds(20)), "within the probe timeout");
        assertTrue(watch.startProbe(T.plusSeconds(27)), "a probe whose answer was never reported counts as lost");
    }

    @Test
    void shouldNotProbeWhileOtherTrafficGoesToThePeer() {
        watch.sent(T);
        assertFalse(watch.startProbe(T.plusMillis(500)));
        assertTrue(watch.startProbe(T.plusMillis(1000)));
        watch.probeNotSent();
        assertTrue(watch.startProbe(T.plusMillis(2000)), "a probe that could not go does not block the next");
    }
}
