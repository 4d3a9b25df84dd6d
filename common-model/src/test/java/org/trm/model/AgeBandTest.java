package org.trm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.trm.model.code.AgeBand;

class AgeBandTest {

    @Test
    void shouldPutEachAgeInTheBandItsBoundsSay() {
        assertTrue(AgeBand.of(null).isEmpty());
        assertEquals(AgeBand.CHILD, AgeBand.of(17).orElseThrow());
        assertEquals(AgeBand.YOUNG_ADULT, AgeBand.of(18).orElseThrow());
        assertEquals(AgeBand.ADULT_25_34, AgeBand.of(34).orElseThrow());
        assertEquals(AgeBand.ADULT_35_49, AgeBand.of(35).orElseThrow());
        assertEquals(AgeBand.ADULT_50_PLUS, AgeBand.of(90).orElseThrow());
        assertEquals("18-24", AgeBand.YOUNG_ADULT.code());
        assertEquals(AgeBand.ADULT_50_PLUS, AgeBand.fromCode("50+"));
    }

    @Test
    void shouldWriteTheSameBandsForSql() {
        assertEquals("CASE WHEN age IS NULL THEN 'UNKNOWN' WHEN age < 18 THEN '0-17' WHEN age < 25 THEN '18-24'"
                + " WHEN age < 35 THEN '25-34' WHEN age < 50 THEN '35-49' ELSE '50+' END", AgeBand.sql("age", "UNKNOWN"));
    }
}
