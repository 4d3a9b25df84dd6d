package org.trm.gateway.problem;

import java.net.URI;

/** Refusals of the gateway itself, beside the protocol's {@link org.trm.model.problem.ProblemType}s. */
public enum GatewayError {
    UNAUTHENTICATED(401, "unauthenticated", "A client certificate of the federation is required"),
    CALLER_NOT_ALLOWED(403, "caller-not-allowed", "This certificate may not call this endpoint"),
    NOT_FOUND(404, "not-found", "No such resource"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_DEAD(409, "not-dead", "Only a dead letter can be retried"),
    BAD_REQUEST(400, "bad-request", "Bad request"),
    DIRECTORY_UNAVAILABLE(503, "directory-unavailable", "No valid federation directory is loaded"),
    INTERNAL(500, "internal", "Internal error");

    private static final String PREFIX = "urn:trm:problem:gateway:";
    private final int status;
    private final String slug;
    private final String title;

    GatewayError(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public URI type() {
        return URI.create(PREFIX + slug);
    }

    public String title() {
        return title;
    }
}
