package org.trm.model.code;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a consent covers (not in HTCDS beyond vic_AgreementToManagePersonalData). */
public enum ConsentScope implements Code {
    DATA_PROCESSING("DATA_PROCESSING"),
    SHARE_WITH_COUNTRY("SHARE_WITH_COUNTRY"),
    RETURN("RETURN"),
    SERVICE_REFERRAL("SERVICE_REFERRAL");

    private final String code;

    ConsentScope(String code) {
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
    public static ConsentScope fromCode(String code) {
        return Codes.parse(ConsentScope.class, code);
    }
}
