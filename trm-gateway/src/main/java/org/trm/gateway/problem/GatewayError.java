package org.trm.gateway.problem;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import org.trm.model.problem.ProblemCode;
import org.trm.model.problem.ProblemType;

/**
 * Refusals of the gateway itself: its part of the federation's problem registry, beside the
 * protocol's {@link ProblemType}s. The {@code type} URIs are published and never change.
 */
public enum GatewayError implements ProblemCode {
    UNAUTHENTICATED(401, "unauthenticated", "A client certificate of the federation is required", false),
    CALLER_NOT_ALLOWED(403, "caller-not-allowed", "This certificate may not call this endpoint", false),
    NOT_FOUND(404, "not-found", "No such resource", false),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed", false),
    NOT_DEAD(409, "not-dead", "Only a dead letter can be retried", false),
    /** The node's audit trail went back behind what it signed before: evidence of a cut, never retried. */
    CHECKPOINT_REWIND(409, "checkpoint-rewind", "The audit checkpoint goes back behind one this gateway holds", false),
    BAD_REQUEST(400, "bad-request", "Bad request", false),
    /** A gateway without a valid directory refuses everything until it has one again: worth retrying. */
    DIRECTORY_UNAVAILABLE(503, "directory-unavailable", "No valid federation directory is loaded", true),
    INTERNAL(500, "internal", "Internal error", true);

    private final int status;
    private final URI type;
    private final String title;
    private final boolean retryable;

    GatewayError(int status, String slug, String title, boolean retryable) {
        this.status = status;
        this.type = URI.create(PREFIX + "gateway:" + slug);
        this.title = title;
        this.retryable = retryable;
    }

    @Override
    public URI type() {
        return type;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public boolean retryable() {
        return retryable;
    }

    /** The registry's code with this type URI, the protocol's or a gateway's, as a relayed problem names it. */
    public static Optional<ProblemCode> known(String type) {
        return ProblemType.ofType(type).<ProblemCode>map(p -> p)
                .or(() -> Arrays.stream(values()).filter(g -> g.type.toString().equals(type)).findFirst());
    }
}
