package org.trm.model.code;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** HTCDS prs_Gender. */
public enum Gender implements Code {
    MALE("Male"),
    FEMALE("Female"),
    TRANSGENDER_NON_CONFORMING("Transgender/NonConforming"),
    UNKNOWN("Unknown");

    private final String code;

    Gender(String code) {
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
    public static Gender fromCode(String code) {
        return Codes.parse(Gender.class, code);
    }
}
