package org.trm.model.problem.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.trm.model.problem.Problem;
import org.trm.model.problem.ProblemType;

/**
 * Refuses oversized bodies as a problem, the same in every service. Quarkus enforces
 * {@code quarkus.http.limits.max-body-size} itself but answers a bare 413; this first route answers
 * instead: at once when the declared length is too large, and for a chunked body (no length) by
 * buffering it up to the limit. A Vert.x route, not an exception mapper, because the body is refused
 * before Jakarta REST reads it; its problem is the registry's {@link ProblemType#TOO_LARGE}.
 *
 * <p>Each service's subclass is the bean: it observes the router, calls {@link #route} with the
 * configured limit, and makes the problem as its other refusals are made (its {@code hop}, its log
 * line). Nothing here needs CDI or Quarkus, so the contract jar stays usable without them; the
 * class, abstract and without a bean annotation, is never a bean itself.
 */
public abstract class BodyLimit {

    /** The {@link ProblemType#TOO_LARGE} problem this service answers {@code request} with, logged. */
    protected abstract Problem tooLarge(HttpServerRequest request, String detail);

    /** Installs the route first in order, and answers Quarkus's own 413 (from a later body handler) alike. */
    protected final void route(Router router, long limit) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && isOver(length, limit)) {
                refuse(ctx, limit);
            } else if (length == null && ctx.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)
                    && !ctx.request().isEnded()) {
                buffer(ctx, limit);
            } else {
                ctx.next();
            }
        });
        router.errorHandler(413, ctx -> refuse(ctx, limit));
    }

    /** Reads a chunked body up to the limit; Jakarta REST then takes it from the context. */
    private void buffer(RoutingContext ctx, long limit) {
        Buffer body = Buffer.buffer();
        ctx.request().handler(chunk -> {
            if (body.length() + chunk.length() > limit) {
                ctx.request().handler(null);
                refuse(ctx, limit);
            } else {
                body.appendBuffer(chunk);
            }
        });
        ctx.request().endHandler(end -> {
            if (!ctx.response().ended()) {
                ctx.setBody(body);
                ctx.next();
            }
        });
    }

    private static boolean isOver(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void refuse(RoutingContext ctx, long limit) {
        Problem problem = tooLarge(ctx.request(), "the body exceeds the limit of " + limit + " bytes");
        if (ctx.response().headWritten()) {
            return;
        }
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        RouteProblems.send(ctx, problem);
    }
}
