package org.trm.nrm.followup.rest;

import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import org.trm.model.envelope.MediaTypes;

/** The forms a follow-up report is served in ({@code ?format=}), each with its media type. */
public enum ReportFormat {
    /** The report as JSON: the payload the signed form signs. */
    JSON(MediaType.APPLICATION_JSON),
    /** One row per revision and leg, with a header row, for a spreadsheet. */
    CSV("text/csv;charset=UTF-8"),
    /** A page to print for the agreement's review: no scripts, every value escaped. */
    HTML(MediaType.TEXT_HTML + ";charset=UTF-8"),
    /** The report signed by the node (compact JWS), which anyone verifies against the directory. */
    JWS(MediaTypes.FOLLOW_UP_JWS);

    final String mediaType;

    ReportFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /** Read from the query in any case ({@code json}, {@code CSV}); anything else is refused as 400. */
    public static ReportFormat fromString(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
