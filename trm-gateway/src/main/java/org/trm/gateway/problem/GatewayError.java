package org.trm.gateway.problem;

import org.trm.model.problem.Problem;

/**
 * Refusals of the gateway itself, beside the protocol's {@link org.trm.model.problem.ProblemType}s;
 * each is a problem template with a stable {@code type} URI.
 */
public enum GatewayError {
    UNAUTHENTICATED(401, "unauthenticated", "A client certificate of the federation is required"),
    CALLER_NOT_ALLOWED(403, "caller-not-allowed", "This certificate may not call this endpoint"),
    NOT_FOUND(404, "not-found", "No such resource"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_DEAD(409, "not-dead", "Only a dead letter can be retried"),
    BAD_REQUEST(400, "bad-request", "Bad request"),
    DIRECTORY_UNAVAILABLE(503, "directory-unavailable", "No valid federation directory is loaded"),
    INTERNAL(500, "internal", "Internal error");

    private final Problem template;

    GatewayError(int status, String slug, String title) {
        template = new Problem("urn:trm:problem:gateway:" + slug, title, status, null, null, null, null);
    }

    public int status() {
        return template.status();
    }

    /** This refusal as a problem body, stating the request and the hop that refused. */
    public Problem toProblem(String detail, String instance, String hop) {
        return new Problem(template.type(), template.title(), template.status(), detail, instance, hop, null);
    }
}
