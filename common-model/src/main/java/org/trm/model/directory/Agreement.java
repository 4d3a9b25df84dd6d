package org.trm.model.directory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.trm.model.code.MessageType;

/**
 * One revision of a cooperation agreement between two or more countries (a bilateral agreement, or a
 * regional mechanism with many parties), in every direction between its parties, for the listed
 * message types, with the response time to a referral the parties committed to and a focal point
 * per party. A later revision of the same {@code id} replaces this one from its {@code validFrom}
 * ({@link Directory#inForce}); the directory keeps the older ones, so what was agreed when stays
 * readable.
 *
 * <p>{@code revision} absent is 1 and {@code focalPoints} absent is none named: directories written
 * before agreements had revisions still read as what they said.
 *
 * <p>Safe return: {@code returnLeadTime} is how long before a return's departure the country of
 * return must first hear of it (a RETURN_PRENOTIFICATION or the RETURN_REQUEST), so that it can
 * arrange reception; {@code returnFollowUps}, when after the departure the country of return reports
 * on the person (RETURN_FOLLOW_UP), e.g. P1M, P3M, P6M. Absent: none agreed (no minimum notice, no
 * follow-up due). Both are the parties' word, so they sit with the agreement, in the signed
 * directory, and not in either node's configuration.
 */
public record Agreement(String id, Integer revision, List<String> parties, Set<MessageType> types, Instant validFrom,
        Instant validUntil, Duration responseTime, List<FocalPoint> focalPoints,
        @JsonInclude(JsonInclude.Include.NON_NULL) Period returnLeadTime,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Period> returnFollowUps) {

    /** The agreed follow-ups are compared by what they give after one day: P1M before P31D, say. */
    private static final LocalDate REFERENCE_DAY = LocalDate.of(2001, 1, 1);

    @JsonCreator
    public Agreement {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an agreement needs an id");
        }
        revision = revision == null ? 1 : revision;
        if (revision < 1) {
            throw new IllegalArgumentException("an agreement's revision is 1 or more");
        }
        parties = List.copyOf(parties);
        // In the enum's order, so that the same agreement is written the same way every time.
        types = types.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(types));
        focalPoints = focalPoints == null ? List.of() : List.copyOf(focalPoints);
        if (parties.size() < 2 || parties.stream().distinct().count() != parties.size()) {
            throw new IllegalArgumentException("an agreement links two or more distinct parties");
        }
        if (validFrom != null && validUntil != null && !validFrom.isBefore(validUntil)) {
            throw new IllegalArgumentException("an agreement ends after it starts");
        }
        if (responseTime != null && (responseTime.isNegative() || responseTime.isZero())) {
            throw new IllegalArgumentException("an agreed response time is positive");
        }
        for (FocalPoint f : focalPoints) {
            if (!parties.contains(f.country())) {
                throw new IllegalArgumentException("a focal point of a country that is no party");
            }
        }
        if (focalPoints.stream().map(FocalPoint::country).distinct().count() != focalPoints.size()) {
            throw new IllegalArgumentException("one focal point per party");
        }
        if (returnLeadTime != null && returnLeadTime.isNegative()) {
            throw new IllegalArgumentException("an agreed return lead time is not negative");
        }
        returnFollowUps = returnFollowUps == null ? List.of() : List.copyOf(returnFollowUps);
        LocalDate previous = REFERENCE_DAY;
        for (Period p : returnFollowUps) {
            LocalDate due = REFERENCE_DAY.plus(p);
            if (!due.isAfter(previous)) {
                throw new IllegalArgumentException("agreed return follow-ups are positive and each later than the one before");
            }
            previous = due;
        }
    }

    /** Without return terms: what an agreement was before it had them. */
    public Agreement(String id, Integer revision, List<String> parties, Set<MessageType> types, Instant validFrom,
            Instant validUntil, Duration responseTime, List<FocalPoint> focalPoints) {
        this(id, revision, parties, types, validFrom, validUntil, responseTime, focalPoints, null, List.of());
    }

    /** Revision 1 without focal points: what an agreement was before it had revisions. */
    public Agreement(String id, List<String> parties, Set<MessageType> types, Instant validFrom, Instant validUntil,
            Duration responseTime) {
        this(id, 1, parties, types, validFrom, validUntil, responseTime, List.of());
    }

    /** This revision with the return terms given. */
    public Agreement withReturnTerms(Period leadTime, List<Period> followUps) {
        return new Agreement(id, revision, parties, types, validFrom, validUntil, responseTime, focalPoints, leadTime,
                followUps);
    }

    public boolean links(String a, String b) {
        return parties.contains(a) && parties.contains(b) && !a.equals(b);
    }

    public boolean activeAt(Instant at) {
        return startedBy(at) && !endedBy(at);
    }

    /** Whether this revision's start date has come by {@code at}. */
    public boolean startedBy(Instant at) {
        return validFrom == null || !at.isBefore(validFrom);
    }

    /** Whether this revision's end date has passed by {@code at}. */
    public boolean endedBy(Instant at) {
        return validUntil != null && !at.isBefore(validUntil);
    }

    /** Whether this revision lets {@code type} travel: receipts and failure signals travel under any. */
    public boolean allows(MessageType type) {
        return !type.receipted() || types.contains(type);
    }
}
