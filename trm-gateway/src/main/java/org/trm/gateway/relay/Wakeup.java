package org.trm.gateway.relay;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import org.trm.model.status.Direction;

/** Wakes a direction's sleeping dispatcher: new work was committed (accepted, or retried by an operator). */
@ApplicationScoped
public class Wakeup {
    private final Map<Direction, Signal> signals = new EnumMap<>(Direction.class);

    Wakeup() {
        for (Direction d : Direction.values()) {
            signals.put(d, new Signal());
        }
    }

    public void raise(Direction direction) {
        signals.get(direction).raise();
    }

    /** Waits until raised or for {@code millis}, whichever comes first; a raise meanwhile is not lost. */
    void await(Direction direction, long millis) throws InterruptedException {
        signals.get(direction).await(millis);
    }

    private static final class Signal {
        private boolean pending;

        synchronized void raise() {
            pending = true;
            notifyAll();
        }

        synchronized void await(long millis) throws InterruptedException {
            if (!pending) {
                wait(millis);
            }
            pending = false;
        }
    }
}
