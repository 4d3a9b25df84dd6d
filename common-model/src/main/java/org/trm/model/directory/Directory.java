package org.trm.model.directory;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import org.trm.model.code.MessageType;
import org.trm.model.problem.ProblemType;

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
        checkRevisions(agreements);
    }

    /**
     * Revisions of one agreement are numbered once each, and a later one never starts before an
     * earlier one: otherwise which one is in force would depend on how they are read.
     */
    private static void checkRevisions(List<Agreement> agreements) {
        Set<String> seen = new HashSet<>();
        for (Agreement a : agreements) {
            if (!seen.add(a.id() + "#" + a.revision())) {
                throw new IllegalArgumentException("agreement " + a.id() + " lists revision " + a.revision() + " twice");
            }
        }
        for (Agreement a : agreements) {
            for (Agreement b : agreements) {
                if (a.id().equals(b.id()) && a.revision() < b.revision() && startsAfter(a.validFrom(), b.validFrom())) {
                    throw new IllegalArgumentException("revision " + b.revision() + " of agreement " + b.id()
                            + " starts before revision " + a.revision());
                }
            }
        }
    }

    private static boolean startsAfter(Instant a, Instant b) {
        return b == null ? a != null : a != null && a.isAfter(b);
    }

    public Optional<Participant> participant(String country) {
        return participants.stream().filter(p -> p.country().equals(country)).findFirst();
    }

    /**
     * Whether the agreement revisions in force let {@code from} send {@code type} to {@code to} at
     * {@code at}.
     */
    public boolean covers(String from, String to, MessageType type, Instant at) {
        return coverage(from, to, type, at).covered();
    }

    /** The agreement revision a covered message travels under, if it is covered. */
    public Optional<Agreement> agreement(String from, String to, MessageType type, Instant at) {
        return coverage(from, to, type, at) instanceof Coverage.Covered c ? Optional.ofNullable(c.agreement())
                : Optional.empty();
    }

    /**
     * Whether {@code from} may send {@code type} to {@code to} at {@code at}, under which revision,
     * or why not. For each agreement linking the two, the revision in force is the one a later
     * revision has not replaced by {@code at} ({@link #inForce}); a message is covered when one
     * such revision links the two, is within its dates and lists the type. Otherwise the refusal
     * is the nearest miss: a type not covered, then an agreement expired, then one not yet in force,
     * then none at all.
     *
     * <p>A RECEIPT or a DELIVERY_FAILURE is covered by any revision linking the two that has started,
     * even one that has since ended or been replaced: it answers a message that travelled under it,
     * carries no case data, and proof of receipt, or word that a message died, is never something a
     * partner can be refused. A failure signal within one country (its gateway to its node) needs
     * no agreement.
     */
    public Coverage coverage(String from, String to, MessageType type, Instant at) {
        if (type == MessageType.DELIVERY_FAILURE && from.equals(to)) {
            return new Coverage.Covered(null);
        }
        List<String> ids = agreements.stream().filter(a -> a.links(from, to)).map(Agreement::id).distinct().toList();
        if (ids.isEmpty()) {
            return new Coverage.Refused(ProblemType.NO_AGREEMENT, "no agreement links " + from + " and " + to);
        }
        if (!type.receipted()) {
            Optional<Agreement> now = ids.stream().map(id -> inForce(id, at)).flatMap(Optional::stream)
                    .filter(a -> a.links(from, to) && !a.endedBy(at)).findFirst();
            Optional<Agreement> started = now.isPresent() ? now : agreements.stream()
                    .filter(a -> a.links(from, to) && a.startedBy(at))
                    .max(Comparator.comparing(Agreement::validFrom, Comparator.nullsFirst(Comparator.naturalOrder()))
                            .thenComparing(Agreement::revision));
            return started.<Coverage>map(Coverage.Covered::new)
                    .orElseGet(() -> new Coverage.Refused(ProblemType.AGREEMENT_NOT_YET_VALID,
                            "no agreement between " + from + " and " + to + " is in force yet"));
        }
        Coverage.Refused nearest = null;
        for (String id : ids) {
            Optional<Agreement> current = inForce(id, at);
            Coverage.Refused refused;
            if (current.isEmpty()) {
                Instant starts = revisions(id).get(0).validFrom();
                refused = new Coverage.Refused(ProblemType.AGREEMENT_NOT_YET_VALID,
                        "agreement " + id + " is in force from " + starts);
            } else if (!current.get().links(from, to)) {
                refused = new Coverage.Refused(ProblemType.NO_AGREEMENT, "revision " + current.get().revision()
                        + " of agreement " + id + " in force does not link " + from + " and " + to);
            } else if (current.get().endedBy(at)) {
                refused = new Coverage.Refused(ProblemType.AGREEMENT_EXPIRED, "revision " + current.get().revision()
                        + " of agreement " + id + " ended at " + current.get().validUntil());
            } else if (!current.get().allows(type)) {
                refused = new Coverage.Refused(ProblemType.TYPE_NOT_COVERED, "revision " + current.get().revision()
                        + " of agreement " + id + " does not cover " + type);
            } else {
                return new Coverage.Covered(current.get());
            }
            if (nearest == null || rank(refused.problem()) < rank(nearest.problem())) {
                nearest = refused;
            }
        }
        return nearest;
    }

    private static int rank(ProblemType refusal) {
        return switch (refusal) {
            case TYPE_NOT_COVERED -> 0;
            case AGREEMENT_EXPIRED -> 1;
            case AGREEMENT_NOT_YET_VALID -> 2;
            default -> 3;
        };
    }

    /** Every revision of agreement {@code id} the directory holds, oldest first. */
    public List<Agreement> revisions(String id) {
        return agreements.stream().filter(a -> a.id().equals(id)).sorted(Comparator.comparing(Agreement::revision))
                .toList();
    }

    /**
     * The revision of agreement {@code id} in force at {@code at}: the highest revision whose start
     * date has come. It stays the one in force after its end date (the agreement has then expired,
     * and an older revision does not come back); empty before the first revision starts.
     */
    public Optional<Agreement> inForce(String id, Instant at) {
        List<Agreement> started = revisions(id).stream().filter(a -> a.startedBy(at)).toList();
        return started.isEmpty() ? Optional.empty() : Optional.of(started.get(started.size() - 1));
    }

    /** Where {@code revision} stands at {@code at} among the revisions of its agreement. */
    public RevisionStatus status(Agreement revision, Instant at) {
        if (!revision.startedBy(at)) {
            return RevisionStatus.SCHEDULED;
        }
        Agreement current = inForce(revision.id(), at).orElseThrow();
        if (current.revision() > revision.revision()) {
            return RevisionStatus.SUPERSEDED;
        }
        return revision.endedBy(at) ? RevisionStatus.EXPIRED : RevisionStatus.IN_FORCE;
    }
}
