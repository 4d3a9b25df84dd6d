package org.trm.nrm.problem;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import org.trm.model.json.Json;
import org.trm.model.problem.Problem;

/** The problem answer of a Vert.x route that refuses a request before JAX-RS (and its mappers) sees it. */
final class RouteProblems {
    private RouteProblems() {
    }

    static void send(RoutingContext ctx, Problem problem) {
        ctx.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Json.write(problem));
    }
}
