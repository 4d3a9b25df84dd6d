package org.trm.model.followup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import org.trm.model.code.MessageType;
import org.trm.model.status.Direction;
import org.trm.model.status.MessageState;

/**
 * What a gateway counted of one agreement ({@code GET /local/v1/agreements/{id}/transport},
 * docs/PROTOCOL.md section 10.2): the envelopes it accepted in {@code [from, to)} that travelled
 * under the agreement, by revision, leg, type and the state they are in at {@code asOf}. Headers
 * only: whether a referral was accepted is in its encrypted body, which only the nodes read.
 * Unknown fields are ignored when read, so that a gateway may add some without breaking nodes.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TransportFigures(String agreement, String country, Instant from, Instant to, Instant asOf,
        List<Count> counts) {

    public TransportFigures {
        counts = counts == null ? List.of() : List.copyOf(counts);
    }

    /** {@code messages} envelopes of {@code type} from {@code from} to {@code to} under {@code revision}, now in {@code state}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Count(int revision, String from, String to, Direction direction, MessageType type,
            MessageState state, long messages) {
    }
}
