package org.trm.model.envelope;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;
import org.trm.model.problem.Problem;

/**
 * The answer to an {@link EnvelopeBatch}: one result per envelope, in the batch's order. Each
 * carries the status the envelope would have had alone. From a gateway: 202 stored now, 200 stored
 * before with the same bytes. From a node taking a delivery: 200 with the node's signed receipt, or
 * 204 for a delivered receipt (receipts are not receipted). Or a refusal with its problem, and then
 * nothing of that envelope was stored.
 */
public record BatchOutcome(List<Result> results) {
    public BatchOutcome {
        results = List.copyOf(results);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(int status, UUID messageId, String state, Problem problem, String receipt) {
        public static Result stored(int status, UUID messageId, String state) {
            return new Result(status, messageId, state, null, null);
        }

        /** Delivered to a node: its receipt (a compact JWS), or null when the envelope was itself a receipt. */
        public static Result delivered(UUID messageId, String receipt) {
            return new Result(receipt == null ? 204 : 200, messageId, null, null, receipt);
        }

        public static Result refused(Problem problem) {
            return new Result(problem.status(), null, null, problem, null);
        }
    }
}
