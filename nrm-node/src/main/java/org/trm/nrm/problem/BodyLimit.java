package org.trm.nrm.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.trm.model.problem.Problem;
import org.trm.model.problem.ProblemType;

/**
 * Refuses oversized bodies as a problem. Quarkus enforces {@code quarkus.http.limits.max-body-size}
 * itself but answers a bare 413; this first route answers instead: at once when the declared length
 * is too large, and for a chunked body (no length) by buffering it up to the limit. A Vert.x route,
 * not an exception mapper, because the body is refused before JAX-RS reads it; its problem is the
 * registry's {@link ProblemType#TOO_LARGE}, as the mappers answer it.
 */
@Singleton
public class BodyLimit {
    private static final Logger LOG = Logger.getLogger(BodyLimit.class);

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
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

    /** Reads a chunked body up to the limit; the JAX-RS layer then takes it from the context. */
    private static void buffer(RoutingContext ctx, long limit) {
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

    private static void refuse(RoutingContext ctx, long limit) {
        ProblemType code = ProblemType.TOO_LARGE;
        LOG.infof("%s %s -> %d %s", ctx.request().method(), ctx.request().path(), code.status(), code.type());
        if (ctx.response().headWritten()) {
            return;
        }
        Problem problem = code.toProblem("the body exceeds the limit of " + limit + " bytes", ctx.request().path(),
                (String) null);
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        RouteProblems.send(ctx, problem);
    }
}
