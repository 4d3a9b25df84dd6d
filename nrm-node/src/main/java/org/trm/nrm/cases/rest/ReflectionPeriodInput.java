package org.trm.nrm.cases.rest;

import java.time.LocalDate;

/** The reflection and recovery period that starts first assistance; both ends are optional. */
public record ReflectionPeriodInput(LocalDate reflectionPeriodStart, LocalDate reflectionPeriodEnd) {
}
