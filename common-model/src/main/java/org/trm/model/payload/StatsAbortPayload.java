package org.trm.model.payload;

import java.util.List;
import java.util.UUID;
import org.trm.model.problem.ProblemType;

/**
 * A round called off: from the requester, every participant drops what it holds of the round; from
 * a participant, it refuses to take part (and the requester calls the round off for all).
 *
 * @param problem why, one of the protocol's problem types (e.g. statistics-round-incomplete)
 * @param countries the countries the problem is about, e.g. those that did not answer; may be empty
 * @param detail in words, without any figure of the round
 */
public record StatsAbortPayload(int v, UUID round, ProblemType problem, List<String> countries, String detail) {

    public StatsAbortPayload {
        if (round == null || problem == null) {
            throw new IllegalArgumentException("an abort names its round and its problem");
        }
        countries = countries == null ? List.of() : List.copyOf(countries);
        if (detail != null && detail.length() > 300) {
            throw new IllegalArgumentException("detail is at most 300 characters");
        }
    }
}
