package org.trm.model.problem;

import java.net.URI;
import java.util.List;

/**
 * One entry of the federation's problem registry: a cause of refusal with its stable {@code type}
 * URI, title, HTTP status and whether trying again may help. The protocol ({@link ProblemType}),
 * the node and the gateway each implement it with an enum; docs/PROTOCOL.md lists them all, and
 * {@link ProblemRegistry} refuses a URI that two entries define differently.
 */
public interface ProblemCode {
    /** Every problem type URI starts with this. */
    String PREFIX = "urn:trm:problem:";

    URI type();

    String title();

    int status();

    /**
     * Whether the same request may succeed later unchanged: the sender's outbox and the relay keep
     * trying until the message's deadline, and give up at once otherwise.
     */
    default boolean retryable() {
        return retryableStatus(status());
    }

    default Problem toProblem(String detail, String instance, String hop) {
        return new Problem(type().toString(), title(), status(), detail, instance, hop, null);
    }

    default Problem toProblem(String detail, String instance, List<Problem.Violation> violations) {
        return new Problem(type().toString(), title(), status(), detail, instance, null, violations);
    }

    /**
     * The rule for an answer whose body names no problem of the registry: server failures and the
     * statuses that say "not now" (408 timeout, 425 too early, 429 too many) are worth retrying,
     * every other refusal is final. Status 0 stands for "no answer at all" and is retryable.
     */
    static boolean retryableStatus(int status) {
        return status == 0 || status >= 500 || status == 408 || status == 425 || status == 429;
    }
}
