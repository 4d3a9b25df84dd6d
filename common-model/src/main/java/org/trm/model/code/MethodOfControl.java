package org.trm.model.code;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** HTCDS vic_MethodsOfControl. */
public enum MethodOfControl implements Code {
    DEBT_BONDAGE("DebtBondage"),
    TAKES_EARNINGS("TakesEarnings"),
    RESTRICTS_FINANCIAL_ACCESS("RestrictsFinancialAccess"),
    THREATS("Threats"),
    PSYCHOLOGICAL_ABUSE("PsychologicalAbuse"),
    PHYSICAL_ABUSE("PhysicalAbuse"),
    SEXUAL_ABUSE("SexualAbuse"),
    FALSE_PROMISES("FalsePromises"),
    PSYCHOACTIVE_SUBSTANCES("PsychoactiveSubstances"),
    RESTRICTS_MOVEMENT("RestrictsMovement"),
    RESTRICTS_MEDICAL_CARE("RestrictsMedicalCare"),
    EXCESSIVE_WORKING_HOURS("ExcessiveWorkingHours"),
    USES_CHILDREN("UsesChildren"),
    THREAT_OF_LAW_ENFORCEMENT("ThreatOfLawEnforcement"),
    WITHHOLDS_NECESSITIES("WithholdsNecessities"),
    WITHHOLDS_DOCUMENTS("WithholdsDocuments"),
    OTHER("Other");

    private final String code;

    MethodOfControl(String code) {
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
    public static MethodOfControl fromCode(String code) {
        return Codes.parse(MethodOfControl.class, code);
    }
}
