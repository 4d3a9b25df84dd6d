package org.trm.model.directory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.trm.model.code.MessageType;

/**
 * A cooperation agreement between two countries, in both directions, for the listed message
 * types, with the response time the parties committed to (for monitoring breaches).
 */
public record Agreement(String id, List<String> parties, Set<MessageType> types, Instant validFrom,
        Instant validUntil, Duration responseTime) {

    public Agreement {
        parties = List.copyOf(parties);
        types = Set.copyOf(types);
        if (parties.size() != 2) {
            throw new IllegalArgumentException("an agreement links exactly two parties");
        }
    }

    public boolean links(String a, String b) {
        return parties.contains(a) && parties.contains(b) && !a.equals(b);
    }

    public boolean activeAt(Instant at) {
        return (validFrom == null || !at.isBefore(validFrom)) && (validUntil == null || at.isBefore(validUntil));
    }
}
