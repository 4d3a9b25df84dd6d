package org.trm.model.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem as exchanged in the federation. {@code hop} names where a relayed failure
 * happened (for example {@code gateway.BG}), so that a sender can tell its own gateway's refusal
 * from a peer's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String hop) {
}
