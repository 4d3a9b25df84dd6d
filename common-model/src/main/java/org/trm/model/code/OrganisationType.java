package org.trm.model.code;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** HTCDS org_Type. */
public enum OrganisationType implements Code {
    NGO("NGO"),
    LAW_ENFORCEMENT("LawEnforcement"),
    HEALTH_SERVICE("HealthServiceOrganisation"),
    CENTRAL_GOVERNMENT("CentralGovernmentOrganisation"),
    LOCAL_GOVERNMENT("LocalGovernmentOrganisation"),
    IMMIGRATION_SERVICE("ImmigrationService"),
    LEGAL_SERVICE("LegalService"),
    CORPORATE_BUSINESS("CorporateBusiness");

    private final String code;

    OrganisationType(String code) {
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
    public static OrganisationType fromCode(String code) {
        return Codes.parse(OrganisationType.class, code);
    }
}
