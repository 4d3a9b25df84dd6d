package org.trm.faults;

import java.time.Duration;
import java.time.Instant;

/**
 * One fault as it ran: from its injection ({@code start}) to its end ({@code faultEnd}: restarted,
 * thawed, back up), and when the backlog of every message sent until then was empty again
 * ({@code recovered}, null if not within the plan's limit). Messages sent from its start until
 * the next phase's start ({@code end}) are counted as its own. {@code note} says what the fault hit.
 */
final class Phase {
    final String name;
    final String description;
    final Instant start;
    Instant faultEnd;
    Instant recovered;
    Instant end;
    String note = "";

    Phase(String name, String description, Instant start) {
        this.name = name;
        this.description = description;
        this.start = start;
    }

    boolean contains(Instant at) {
        return !at.isBefore(start) && (end == null || at.isBefore(end));
    }

    /** Seconds from the end of the fault until the backlog was empty, or null if it was not. */
    Double recoverySeconds() {
        return recovered == null ? null : Math.max(0, Duration.between(faultEnd, recovered).toMillis() / 1000.0);
    }
}
