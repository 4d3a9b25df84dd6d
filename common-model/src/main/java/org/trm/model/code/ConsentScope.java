package org.trm.model.code;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a consent covers: one facet each (HTCDS models consent by purpose and data use, beyond
 * vic_AgreementToManagePersonalData). Sharing the case's data with a country and sharing who the
 * person is (name, date of birth, documents, contacts) are separate facets: the first never implies
 * the second.
 */
public enum ConsentScope implements Code {
    DATA_PROCESSING("DATA_PROCESSING"),
    /** The case's data without identity, to the one country named. */
    SHARE_WITH_COUNTRY("SHARE_WITH_COUNTRY"),
    /** Identity data (name, date of birth, documents, contacts), to the one country named. */
    SHARE_IDENTITY_WITH_COUNTRY("SHARE_IDENTITY_WITH_COUNTRY"),
    RETURN("RETURN"),
    SERVICE_REFERRAL("SERVICE_REFERRAL"),
    /** Use in anonymised statistics. */
    STATISTICS("STATISTICS");

    private final String code;

    ConsentScope(String code) {
        this.code = code;
    }

    /** Whether the facet names the one country the data may go to. */
    public boolean perCountry() {
        return this == SHARE_WITH_COUNTRY || this == SHARE_IDENTITY_WITH_COUNTRY;
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
