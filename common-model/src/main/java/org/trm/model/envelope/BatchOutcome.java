package org.trm.model.envelope;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;
import org.trm.model.problem.Problem;

/**
 * The answer to an {@link EnvelopeBatch}: one result per envelope, in the batch's order. Each
 * carries the status the envelope would have had alone: 202 stored now, 200 stored before with the
 * same bytes, or a refusal with its problem (and then nothing of that envelope was stored).
 */
public record BatchOutcome(List<Result> results) {
    public BatchOutcome {
        results = List.copyOf(results);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(int status, UUID messageId, String state, Problem problem) {
        public static Result stored(int status, UUID messageId, String state) {
            return new Result(status, messageId, state, null);
        }

        public static Result refused(Problem problem) {
            return new Result(problem.status(), null, null, problem);
        }
    }
}
