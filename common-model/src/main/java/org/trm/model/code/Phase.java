package org.trm.model.code;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** TRM phase (not in HTCDS): the standard operating procedures' lifecycle of a case. */
public enum Phase implements Code {
    IDENTIFICATION("IDENTIFICATION"),
    FIRST_ASSISTANCE("FIRST_ASSISTANCE"),
    LONG_TERM_ASSISTANCE("LONG_TERM_ASSISTANCE"),
    RETURN("RETURN"),
    CLOSED("CLOSED");

    private final String code;

    Phase(String code) {
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
    public static Phase fromCode(String code) {
        return Codes.parse(Phase.class, code);
    }
}
