package org.trm.gateway.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.metrics.RelayMetrics;
import org.trm.model.problem.Incident;
import org.trm.model.problem.Problem;
import org.trm.model.problem.ProblemCode;
import org.trm.model.problem.ProtocolException;

/**
 * How a failure becomes a problem body of the registry, logged and counted once: for whole
 * requests ({@link ProblemMapper}) and for each envelope of a batch alike. Never a stack trace or a
 * class name in the body or the log (an unexpected failure is an {@link Incident}); 4xx are logged at
 * INFO, 5xx at ERROR.
 */
@ApplicationScoped
public class Problems {
    private static final Logger LOG = Logger.getLogger(Problems.class);

    @Inject
    GatewayConfig config;

    @Inject
    RelayMetrics metrics;

    public Problem of(Throwable failure, String instance) {
        Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (e instanceof ProtocolException p) {
            metrics.refused(p.problem());
            LOG.infof("refused %s: %s (%s)", instance, p.problem().type(), p.getMessage());
            return p.problem().toProblem(p.getMessage(), instance, hop());
        }
        if (e instanceof GatewayException g) {
            return of(g.error(), g.getMessage(), instance);
        }
        // One line with an incident id; the trace (which may quote SQL) only in the incident category.
        Incident incident = Incident.of(e);
        LOG.errorf("unexpected failure on %s: %s", instance, incident);
        return GatewayError.INTERNAL.toProblem(incident + " was logged; retrying may help", instance, hop());
    }

    public Problem of(ProblemCode code, String detail, String instance) {
        Problem problem = code.toProblem(detail, instance, hop());
        if (code.status() >= 500) {
            LOG.errorf("%s on %s: %s", problem.type(), instance, detail);
        } else {
            LOG.infof("%s on %s: %s", problem.type(), instance, detail);
        }
        return problem;
    }

    private String hop() {
        return "gateway." + config.country();
    }
}
