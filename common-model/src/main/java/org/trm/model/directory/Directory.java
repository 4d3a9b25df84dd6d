package org.trm.model.directory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.trm.model.code.MessageType;

/** The federation directory: who takes part, with which keys, under which agreements. */
public record Directory(int version, Instant issuedAt, List<Participant> participants, List<Agreement> agreements) {

    public Directory {
        participants = List.copyOf(participants);
        agreements = agreements == null ? List.of() : List.copyOf(agreements);
        if (version < 1 || issuedAt == null) {
            throw new IllegalArgumentException("a directory needs a positive version and an issue time");
        }
        if (participants.stream().map(Participant::country).distinct().count() != participants.size()) {
            throw new IllegalArgumentException("a country is listed twice");
        }
    }

    public Optional<Participant> participant(String country) {
        return participants.stream().filter(p -> p.country().equals(country)).findFirst();
    }

    /**
     * Whether an active agreement lets {@code from} send {@code type} to {@code to} at {@code at}.
     * Receipts and failure signals are covered by any active agreement between the two: proof of
     * receipt, or word that a message died, is never something a partner can be refused. A failure
     * signal within one country (its gateway to its node) needs no agreement.
     */
    public boolean covers(String from, String to, MessageType type, Instant at) {
        if (type == MessageType.DELIVERY_FAILURE && from.equals(to)) {
            return true;
        }
        return agreement(from, to, type, at).isPresent();
    }

    public Optional<Agreement> agreement(String from, String to, MessageType type, Instant at) {
        return agreements.stream()
                .filter(a -> a.links(from, to) && a.activeAt(at))
                .filter(a -> !type.receipted() || a.types().contains(type))
                .findFirst();
    }
}
