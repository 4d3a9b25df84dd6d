package org.trm.nrm.referral.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record DeclineRequest(@NotBlank @Size(max = 1000) String reason) {
}
