package org.trm.model.code;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/**
 * Age group at identification (not in HTCDS as a list): the bands referrals carry instead of a
 * birth date, and the statistics count by. One definition, for the payload and for SQL alike.
 */
public enum AgeBand implements Code {
    CHILD("0-17", Integer.MIN_VALUE, 18),
    YOUNG_ADULT("18-24", 18, 25),
    ADULT_25_34("25-34", 25, 35),
    ADULT_35_49("35-49", 35, 50),
    ADULT_50_PLUS("50+", 50, Integer.MAX_VALUE);

    private final String code;
    private final int from;
    private final int below;

    AgeBand(String code, int from, int below) {
        this.code = code;
        this.from = from;
        this.below = below;
    }

    @Override
    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static AgeBand fromCode(String code) {
        return Codes.parse(AgeBand.class, code);
    }

    /** The band of an age in years; empty when the age is not known. */
    public static Optional<AgeBand> of(Integer age) {
        if (age == null) {
            return Optional.empty();
        }
        for (AgeBand band : values()) {
            if (age >= band.from && age < band.below) {
                return Optional.of(band);
            }
        }
        return Optional.empty();
    }

    /** The same bands as an SQL expression over an integer column, {@code unknown} where it is null. */
    public static String sql(String column, String unknown) {
        StringBuilder sql = new StringBuilder("CASE WHEN ").append(column).append(" IS NULL THEN '")
                .append(unknown).append('\'');
        for (AgeBand band : values()) {
            if (band.below != Integer.MAX_VALUE) {
                sql.append(" WHEN ").append(column).append(" < ").append(band.below).append(" THEN '")
                        .append(band.code).append('\'');
            } else {
                sql.append(" ELSE '").append(band.code).append('\'');
            }
        }
        return sql.append(" END").toString();
    }
}
