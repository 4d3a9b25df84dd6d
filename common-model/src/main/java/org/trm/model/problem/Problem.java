package org.trm.model.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem body, the one shape of every refusal in the federation. {@code hop} names
 * where a relayed failure happened (for example {@code gateway.BG}), so that a sender can tell its
 * own gateway's refusal from a peer's; {@code violations} lists the fields that failed validation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String hop,
        List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        violations = violations == null ? null : List.copyOf(violations);
    }

    /** One failed constraint: the field's path and what it must satisfy, never the value given. */
    public record Violation(String field, String message) {
    }
}
