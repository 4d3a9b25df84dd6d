package org.trm.model.code;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** HTCDS cas_ReasonForIncomingReferral. */
public enum ReferralReason implements Code {
    ADDITIONAL_SERVICES_REQUIRED("AdditionalServicesRequired"),
    MIGRATION_OR_CHANGE_OF_LOCATION("MigrationOrChangeOfLocation"),
    OTHER("Other");

    private final String code;

    ReferralReason(String code) {
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
    public static ReferralReason fromCode(String code) {
        return Codes.parse(ReferralReason.class, code);
    }
}
