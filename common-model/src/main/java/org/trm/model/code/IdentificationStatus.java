package org.trm.model.code;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identification status of a victim (not in HTCDS). */
public enum IdentificationStatus implements Code {
    PRESUMED("PRESUMED"),
    IDENTIFIED("IDENTIFIED"),
    NOT_CONFIRMED("NOT_CONFIRMED");

    private final String code;

    IdentificationStatus(String code) {
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
    public static IdentificationStatus fromCode(String code) {
        return Codes.parse(IdentificationStatus.class, code);
    }
}
