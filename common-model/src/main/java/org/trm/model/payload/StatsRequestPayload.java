package org.trm.model.payload;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.trm.model.statistics.FederationLayout;

/**
 * Asks a participant to take part in a federation statistics round (docs/PROTOCOL.md section 17).
 * It carries no filter: the cells follow from {@code layout}, {@code lastYear} and the participants.
 *
 * @param round the round's id, the same in every message of the round
 * @param requester the country that asked, which adds the partial sums up
 * @param participants every country of the round, the requester included, sorted; at least three
 * @param layout the layout's version, {@link FederationLayout#VERSION}
 * @param lastYear the last year counted, the year the round was requested in
 * @param deadline after it, no participant sends anything more for the round and it has failed; the
 *     round's partial sums expire then
 * @param keys per participant, the {@code kid} of its node's encryption key in the directory that the
 *     seeds of its pairs are agreed with ({@link org.trm.model.statistics.SecureSum#pairSeed})
 */
public record StatsRequestPayload(int v, UUID round, String requester, List<String> participants, String layout,
        int lastYear, Instant deadline, Map<String, String> keys) {

    /** Below three, the requester would learn the other's exact counts from the sum and its own. */
    public static final int MIN_PARTICIPANTS = 3;

    public StatsRequestPayload {
        if (round == null || requester == null || deadline == null || layout == null) {
            throw new IllegalArgumentException("a statistics request names its round, requester, layout and deadline");
        }
        if (participants == null || participants.stream().anyMatch(p -> p == null || !p.matches("[A-Z]{2}"))) {
            throw new IllegalArgumentException("participants are ISO 3166-1 alpha-2 codes");
        }
        List<String> sorted = List.copyOf(new TreeSet<>(participants));
        if (sorted.size() != participants.size()) {
            throw new IllegalArgumentException("a participant is listed twice");
        }
        participants = sorted;
        if (!participants.contains(requester)) {
            throw new IllegalArgumentException("the requester is a participant of its round");
        }
        if (keys == null || !keys.keySet().equals(new TreeSet<>(participants)) || keys.values().stream().anyMatch(k -> k == null
                || k.isBlank())) {
            throw new IllegalArgumentException("a statistics request names one key per participant");
        }
        keys = java.util.Collections.unmodifiableMap(new TreeMap<>(keys));
    }

    public FederationLayout layoutOf() {
        return new FederationLayout(lastYear, participants);
    }
}
