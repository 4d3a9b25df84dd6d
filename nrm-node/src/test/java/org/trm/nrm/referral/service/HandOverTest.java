package org.trm.nrm.referral.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.trm.model.retry.Backoff;
import org.trm.nrm.referral.GatewayClient.Answer;

/** What becomes of a leased outbox message, for each kind of answer from the gateway. */
class HandOverTest {
    private static final Instant NOW = Instant.parse("2027-01-01T00:00:00Z");
    private static final Instant LATER = NOW.plus(Duration.ofDays(7));
    private final HandOver handOver = new HandOver(new Backoff(Duration.ofMillis(500), Duration.ofMinutes(1)));

    @Test
    void shouldBeSentWhenTheGatewayTakesIt() {
        assertEquals(HandOver.Kind.SENT, handOver.decide(new Answer(202, "{}"), 1, LATER, NOW).kind());
        assertEquals(HandOver.Kind.SENT, handOver.decide(new Answer(200, null), 3, LATER, NOW).kind(),
                "a resend the gateway already holds");
    }

    @Test
    void shouldFailWhenTheGatewayRefusesForGood() {
        HandOver.Outcome o = handOver.decide(new Answer(403, "{\"type\":\"urn:trm:problem:no-agreement\"}"), 1, LATER, NOW);
        assertEquals(HandOver.Kind.FAILED, o.kind());
        assertEquals("refused by the gateway: urn:trm:problem:no-agreement", o.why());
        assertNull(o.next());
    }

    @Test
    void shouldRetryAfterTheBackOffWhenUnreachableOrBusy() {
        HandOver.Outcome unreachable = handOver.decide(null, 3, LATER, NOW);
        assertEquals(HandOver.Kind.RETRY, unreachable.kind());
        assertEquals("gateway unreachable", unreachable.why());
        long delay = Duration.between(NOW, unreachable.next()).toMillis();
        assertTrue(delay >= 1000 && delay <= 2000, "the third attempt's back-off: " + delay);
        assertEquals(HandOver.Kind.RETRY, handOver.decide(new Answer(503, null), 1, LATER, NOW).kind());
    }

    @Test
    void shouldFailWhenItExpiresBeforeTheGatewayTakesIt() {
        HandOver.Outcome o = handOver.decide(null, 9, NOW, NOW);
        assertEquals(HandOver.Kind.FAILED, o.kind());
        assertTrue(o.why().startsWith("expired before the gateway took it"), o.why());
    }
}
