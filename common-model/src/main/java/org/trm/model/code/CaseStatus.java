package org.trm.model.code;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** HTCDS cas_Status. */
public enum CaseStatus implements Code {
    ACTIVE("Active"),
    FOLLOW_UP("FollowUp"),
    CLOSED("Closed"),
    CLOSED_REFERRED("ClosedReferred");

    private final String code;

    CaseStatus(String code) {
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
    public static CaseStatus fromCode(String code) {
        return Codes.parse(CaseStatus.class, code);
    }
}
