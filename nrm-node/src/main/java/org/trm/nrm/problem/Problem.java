package org.trm.nrm.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 9457 problem body; {@code violations} lists the fields that failed validation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
        List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One failed constraint: the field's path and what it must satisfy, never the value given. */
    public record Violation(String field, String message) {
    }
}
