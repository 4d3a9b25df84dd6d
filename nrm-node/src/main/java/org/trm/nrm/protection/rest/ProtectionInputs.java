package org.trm.nrm.protection.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.trm.nrm.cases.InternationalProtectionStatus;
import org.trm.nrm.protection.AgeOutcome;
import org.trm.nrm.protection.ProtectionCommand;

/** What a caller records about a child's protection or the reflection period, as the request states it. */
public final class ProtectionInputs {
    private ProtectionInputs() {
    }

    public record AgeAssessmentInput(@NotBlank @Size(max = 200) String method, @NotNull AgeOutcome outcome,
            @Min(0) @Max(120) Integer assessedAge, @NotBlank @Size(max = 200) String authority,
            @NotNull @PastOrPresent LocalDate assessedOn) {
        public ProtectionCommand.AssessAge toCommand() {
            return new ProtectionCommand.AssessAge(method, outcome, assessedAge, authority, assessedOn);
        }
    }

    public record GuardianAppointmentInput(@NotBlank @Size(max = 200) String guardian,
            @NotBlank @Size(max = 200) String authority, @NotNull @PastOrPresent LocalDate appointedOn) {
        public ProtectionCommand.AppointGuardian toCommand() {
            return new ProtectionCommand.AppointGuardian(guardian, authority, appointedOn);
        }
    }

    /** {@code supportsReturn} is required: a determination that says nothing about return is not one. */
    public record BestInterestsInput(@NotNull Boolean supportsReturn, @NotBlank @Size(max = 200) String authority,
            @Size(max = 4000) String summary, @NotNull @PastOrPresent LocalDate determinedOn) {
        public ProtectionCommand.DetermineBestInterests toCommand() {
            return new ProtectionCommand.DetermineBestInterests(supportsReturn, authority, summary, determinedOn);
        }
    }

    public record InternationalProtectionInput(@NotNull InternationalProtectionStatus status,
            @PastOrPresent LocalDate asylumAppliedOn) {
        public ProtectionCommand.InternationalProtection toCommand() {
            return new ProtectionCommand.InternationalProtection(status, asylumAppliedOn);
        }
    }

    public record EarlyReturnInput(@PastOrPresent LocalDate requestedOn,
            @Pattern(regexp = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", message = "must be a BCP 47 language tag such as 'ro' or 'bg'") String language,
            @Size(max = 200) String interpreter) {
        public ProtectionCommand.RequestEarlyReturn toCommand() {
            return new ProtectionCommand.RequestEarlyReturn(requestedOn, language, interpreter);
        }
    }
}
