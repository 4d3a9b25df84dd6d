package org.trm.nrm.followup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.NrmException;

/**
 * The days a follow-up report covers, both included, in UTC: what a coordinator names for an
 * annual review ({@code from=2026-01-01&to=2026-12-31}). A referral falls into it by when it was
 * sent or received; its answer counts whenever it came, up to the report's time.
 */
public record Period(LocalDate from, LocalDate to) {

    public Period {
        if (to.isBefore(from)) {
            throw new NrmException(ErrorCode.INVALID_VALUE, "query parameter 'from' must not be after 'to'");
        }
    }

    /** From the query's dates, today being the UTC date now. */
    public static Period of(String from, String to) {
        return of(from, to, LocalDate.now(ZoneOffset.UTC));
    }

    /** From the query's dates; by default from the first of January of {@code to}'s year, to {@code today}. */
    public static Period of(String from, String to, LocalDate today) {
        LocalDate end = date("to", to, today);
        return new Period(date("from", from, end.withDayOfYear(1)), end);
    }

    /** The first instant of the period. */
    public Instant start() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after the period. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static LocalDate date(String name, String value, LocalDate absent) {
        if (value == null) {
            return absent;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new NrmException(ErrorCode.INVALID_VALUE, "query parameter '" + name + "' must be a date (YYYY-MM-DD)");
        }
    }
}
