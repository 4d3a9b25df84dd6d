package org.trm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.trm.model.retry.NextLook;

class NextLookTest {
    private static final Instant T = Instant.parse("2027-01-01T00:00:00Z");
    private final NextLook look = new NextLook(Duration.ofSeconds(30));

    @Test
    void shouldLookAtOnceWhenNothingIsKnownYet() {
        assertTrue(look.due(T));
    }

    @Test
    void shouldStayAwayUntilTheFirstWaitingItemIsDue() {
        look.begin();
        look.quietUntil(T.plusSeconds(5), T);
        assertFalse(look.due(T.plusSeconds(4)));
        assertEquals(Duration.ofSeconds(1), look.until(T.plusSeconds(4)));
        assertTrue(look.due(T.plusSeconds(5)));
        assertEquals(Duration.ZERO, look.until(T.plusSeconds(6)));
    }

    @Test
    void shouldLookAgainWithinTheBoundWhenNothingWaits() {
        look.begin();
        look.quietUntil(null, T);
        assertFalse(look.due(T.plusSeconds(29)));
        assertTrue(look.due(T.plusSeconds(30)), "what reached the store some other way is found");
        look.begin();
        look.quietUntil(T.plusSeconds(3600), T.plusSeconds(30));
        assertTrue(look.due(T.plusSeconds(60)), "an item due far off does not stretch the bound");
    }

    @Test
    void shouldLookAtOnceWhenWoken() {
        look.begin();
        look.quietUntil(null, T);
        look.wake();
        assertTrue(look.due(T.plusSeconds(1)));
    }

    @Test
    void shouldKeepAWakeThatCameWhileTheLookRan() {
        look.begin();
        look.wake(); // work committed after the look had read the store
        look.quietUntil(null, T);
        assertTrue(look.due(T.plusSeconds(1)), "the look's verdict predates the work");
        look.begin();
        look.quietUntil(null, T.plusSeconds(1));
        assertFalse(look.due(T.plusSeconds(2)), "the next look's verdict counts again");
    }
}
