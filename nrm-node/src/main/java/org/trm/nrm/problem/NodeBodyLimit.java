package org.trm.nrm.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.trm.model.problem.Problem;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.http.BodyLimit;
import org.trm.nrm.NrmConfig;

/** The federation's body limit ({@link BodyLimit}) on this node: its problem names the node as the hop. */
@Singleton
public class NodeBodyLimit extends BodyLimit {
    private static final Logger LOG = Logger.getLogger(NodeBodyLimit.class);

    @Inject
    NrmConfig config;

    void install(@Observes Router router, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        route(router, limit.asLongValue());
    }

    @Override
    protected Problem tooLarge(HttpServerRequest request, String detail) {
        ProblemType code = ProblemType.TOO_LARGE;
        LOG.infof("%s %s -> %d %s", request.method(), request.path(), code.status(), code.type());
        return code.toProblem(detail, request.path(), "node." + config.country());
    }
}
