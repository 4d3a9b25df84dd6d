package org.trm.gateway.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.trm.model.problem.Problem;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;
import org.trm.model.problem.http.BodyLimit;

/**
 * The federation's body limit ({@link BodyLimit}) on this gateway: a body above what it reads at all
 * is refused like an envelope above its limit ({@link Problems}: this gateway as the hop, logged and
 * counted once).
 */
@Singleton
public class GatewayBodyLimit extends BodyLimit {

    @Inject
    Problems problems;

    void install(@Observes Router router, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        route(router, limit.asLongValue());
    }

    @Override
    protected Problem tooLarge(HttpServerRequest request, String detail) {
        return problems.of(new ProtocolException(ProblemType.TOO_LARGE, detail), request.path());
    }
}
