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

/**
 * Refuses oversized bodies as a problem. Quarkus enforces {@code quarkus.http.limits.max-body-size}
 * itself but answers a bare 413; this first route answers instead: at once when the declared length
 * is too large, and for a chunked body (no length) by buffering it up to the limit.
 */
@Singleton
public class BodyLimit {
    private static final Logger LOG = Logger.getLogger(BodyLimit.class);
    private static final String BODY = "{\"type\":\"" + ErrorCode.PAYLOAD_TOO_LARGE.type()
            + "\",\"title\":\"" + ErrorCode.PAYLOAD_TOO_LARGE.title()
            + "\",\"status\":413,\"detail\":\"the body exceeds the limit of %d bytes\",\"instance\":\"%s\"}";

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
        LOG.infof("%s %s -> 413 %s", ctx.request().method(), ctx.request().path(), ErrorCode.PAYLOAD_TOO_LARGE.type());
        if (ctx.response().headWritten()) {
            return;
        }
        ctx.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(String.format(BODY, limit, ctx.request().path().replace("\"", "")));
    }
}
