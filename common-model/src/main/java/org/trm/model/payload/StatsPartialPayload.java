package org.trm.model.payload;

import java.util.UUID;
import org.trm.model.statistics.SecureSum;

/**
 * A participant's partial sum for the requester: its own share plus the masks it received, one
 * 64-bit value per cell of the round's layout ({@link SecureSum#encode}).
 *
 * @param cells the number of cells, as the sender's layout has them; the requester checks it is its own
 */
public record StatsPartialPayload(int v, UUID round, int cells, String partial) {

    public StatsPartialPayload {
        if (round == null || partial == null) {
            throw new IllegalArgumentException("a partial sum names its round and carries its vector");
        }
        if (SecureSum.decode(partial).length != cells) {
            throw new IllegalArgumentException("the partial sum has another number of cells than it says");
        }
    }

    public long[] vector() {
        return SecureSum.decode(partial);
    }
}
