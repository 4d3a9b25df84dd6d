package org.trm.gateway.relay;

import java.util.Optional;
import org.trm.gateway.problem.GatewayError;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.json.Json;
import org.trm.model.problem.ProblemCode;

/** What the next hop answered; status 0 means it could not be reached. */
public record HopResponse(int status, String contentType, String body, String failure) {
    boolean success() {
        return status >= 200 && status < 300;
    }

    /**
     * A refusal that will not change by trying again: a 4xx whose problem body names a code of
     * the registry that is not {@link ProblemCode#retryable() retryable}, or, where the body
     * names none, whose status is not ({@link ProblemCode#retryableStatus}).
     */
    boolean permanent() {
        if (status < 400 || status >= 500) {
            return false;
        }
        return !problemCode().map(ProblemCode::retryable).orElseGet(() -> ProblemCode.retryableStatus(status));
    }

    /** The registry's code the answer's problem body names, if it is a problem of the registry. */
    Optional<ProblemCode> problemCode() {
        if (body == null || contentType == null || !contentType.startsWith(MediaTypes.PROBLEM_JSON)) {
            return Optional.empty();
        }
        try {
            return GatewayError.known(Json.MAPPER.readTree(body).path("type").asText(""));
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
