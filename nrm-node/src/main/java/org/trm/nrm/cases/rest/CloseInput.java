package org.trm.nrm.cases.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why a case is closed, in words that identify no one (it is shown in lists and timelines). */
public record CloseInput(@NotBlank @Size(max = 500) String reason) {
}
