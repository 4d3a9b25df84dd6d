package org.trm.nrm.statistics;

import java.util.Set;

/** The EU's citizenship classes of a victim, seen from the counting country. */
public enum CitizenshipClass {
    NATIONAL, OTHER_EU, NON_EU, UNKNOWN;

    /** The member states of the European Union (ISO 3166-1 alpha-2; Greece is GR). */
    static final Set<String> EU = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR",
            "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");

    static CitizenshipClass of(String citizenship, String country) {
        if (citizenship == null) {
            return UNKNOWN;
        }
        if (citizenship.equals(country)) {
            return NATIONAL;
        }
        return EU.contains(citizenship) ? OTHER_EU : NON_EU;
    }
}
