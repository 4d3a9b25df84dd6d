package org.trm.model.code;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Areas of support a person needs: what a needs assessment names, and what a country of return is
 * told to prepare in a RETURN_PRENOTIFICATION. HTCDS has no such list, so the codes are ours (the
 * constant names), documented in docs/PROTOCOL.md section 6.
 */
public enum SupportNeed implements Code {
    ACCOMMODATION("ACCOMMODATION"),
    MEDICAL("MEDICAL"),
    PSYCHOLOGICAL("PSYCHOLOGICAL"),
    LEGAL("LEGAL"),
    INTERPRETATION("INTERPRETATION"),
    FINANCIAL("FINANCIAL"),
    EDUCATION("EDUCATION"),
    EMPLOYMENT("EMPLOYMENT"),
    CHILD_PROTECTION("CHILD_PROTECTION"),
    SAFETY("SAFETY"),
    DOCUMENTS("DOCUMENTS"),
    /** Met on arrival (at the airport, the border, the station) and taken to where they will stay. */
    RECEPTION_ON_ARRIVAL("RECEPTION_ON_ARRIVAL"),
    /** Accompanied on the journey. */
    ESCORT("ESCORT");

    private final String code;

    SupportNeed(String code) {
        this.code = code;
    }

    /** The value name on the wire. */
    @Override
    @JsonValue
    public String code() {
        return code;
    }

    /** Parses a wire value; unknown values are refused rather than mapped to a default. */
    @JsonCreator
    public static SupportNeed fromCode(String code) {
        return Codes.parse(SupportNeed.class, code);
    }
}
