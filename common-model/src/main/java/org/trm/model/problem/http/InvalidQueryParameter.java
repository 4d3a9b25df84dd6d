package org.trm.model.problem.http;

import jakarta.ws.rs.BadRequestException;

/**
 * A query parameter whose value does not convert to its type ({@link QueryParameters}): a bad
 * request, not a request for a missing resource. Being a {@code WebApplicationException}, it reaches
 * the service's problem mapper as it is, which answers it with the service's bad-request problem.
 * The message names the parameter and what it takes, never the value sent.
 */
public class InvalidQueryParameter extends BadRequestException {
    public InvalidQueryParameter(String detail, Throwable cause) {
        super(detail, cause);
    }
}
