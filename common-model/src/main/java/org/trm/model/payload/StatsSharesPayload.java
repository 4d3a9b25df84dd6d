package org.trm.model.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import org.trm.model.statistics.SecureSum;

/**
 * A participant's shares for another participant of a round: the random seed its masks of every
 * cell derive from ({@link SecureSum#mask}), 32 bytes base64url. It is nothing but randomness: it
 * says nothing of the sender's counts, which only its partial sum, added to all others, gives back.
 *
 * @param seed null only in the copy a node keeps to show the thread, never on the wire
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatsSharesPayload(int v, UUID round, String seed) {

    public StatsSharesPayload {
        if (round == null) {
            throw new IllegalArgumentException("shares name their round");
        }
        if (seed != null) {
            SecureSum.decodeSeed(seed);
        }
    }

    /** What the thread may show: the seed is kept apart, and dropped with the round's state. */
    public StatsSharesPayload withoutSeed() {
        return new StatsSharesPayload(v, round, null);
    }
}
