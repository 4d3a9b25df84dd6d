package org.trm.model.problem.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import org.trm.model.json.Json;
import org.trm.model.problem.Problem;

/** The problem answer of a Vert.x route that refuses a request before Jakarta REST (and its mappers) sees it. */
public final class RouteProblems {
    private RouteProblems() {
    }

    public static void send(RoutingContext ctx, Problem problem) {
        ctx.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Json.write(problem));
    }
}
