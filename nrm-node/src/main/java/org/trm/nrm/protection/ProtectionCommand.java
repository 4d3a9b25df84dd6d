package org.trm.nrm.protection;

import java.time.LocalDate;
import org.trm.nrm.cases.InternationalProtectionStatus;

/** What a caller records about a child's protection or the reflection period. */
public sealed interface ProtectionCommand {

    /** An age assessment; {@code assessedAge} is required unless the outcome is UNDETERMINED. */
    record AssessAge(String method, AgeOutcome outcome, Integer assessedAge, String authority, LocalDate assessedOn)
            implements ProtectionCommand {
    }

    record AppointGuardian(String guardian, String authority, LocalDate appointedOn) implements ProtectionCommand {
    }

    record DetermineBestInterests(boolean supportsReturn, String authority, String summary, LocalDate determinedOn)
            implements ProtectionCommand {
    }

    /** {@code asylumAppliedOn} defaults to today for an asylum seeker. */
    record InternationalProtection(InternationalProtectionStatus status, LocalDate asylumAppliedOn)
            implements ProtectionCommand {
    }

    /** {@code requestedOn} defaults to today. */
    record RequestEarlyReturn(LocalDate requestedOn, String language, String interpreter) implements ProtectionCommand {
    }
}
