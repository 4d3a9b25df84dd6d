package org.trm.gateway.problem;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.ops.RelayMetrics;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.problem.Problem;
import org.trm.model.problem.ProtocolException;

/**
 * The one place where exceptions become {@code application/problem+json}: the protocol's types for
 * border refusals, the gateway's own for the rest. Never a stack trace or a class name; 4xx are
 * logged at INFO, 5xx at ERROR.
 */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @Inject
    GatewayConfig config;

    @Inject
    RelayMetrics metrics;

    @Inject
    UriInfo uri;

    @ServerExceptionMapper
    public Response protocol(ProtocolException e) {
        metrics.refused(e.problem());
        LOG.infof("refused %s: %s (%s)", uri.getPath(), e.problem().type(), e.getMessage());
        return respond(e.problem().toProblem(e.getMessage(), uri.getPath(), hop()));
    }

    @ServerExceptionMapper
    public Response gateway(GatewayException e) {
        return gateway(e.error(), e.getMessage());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e) {
        return gateway(GatewayError.UNAUTHENTICATED, "no client certificate");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return gateway(GatewayError.CALLER_NOT_ALLOWED, "the certificate's role may not call this endpoint");
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return gateway(GatewayError.NOT_FOUND, "no such resource");
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return gateway(GatewayError.METHOD_NOT_ALLOWED, "method not allowed here");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return gateway(status >= 500 ? GatewayError.INTERNAL : GatewayError.BAD_REQUEST, "request not processed");
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 100)
    public Response unexpected(Throwable e) {
        LOG.errorf(e, "unexpected failure on %s", uri.getPath());
        return gateway(GatewayError.INTERNAL, "internal error");
    }

    private Response gateway(GatewayError error, String detail) {
        Problem problem = error.toProblem(detail, uri.getPath(), hop());
        if (error.status() >= 500) {
            LOG.errorf("%s on %s: %s", problem.type(), uri.getPath(), detail);
        } else {
            LOG.infof("%s on %s: %s", problem.type(), uri.getPath(), detail);
        }
        return respond(problem);
    }

    private String hop() {
        return "gateway." + config.country();
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(MediaTypes.PROBLEM_JSON).entity(problem).build();
    }
}
