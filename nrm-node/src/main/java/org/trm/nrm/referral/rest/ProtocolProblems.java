package org.trm.nrm.referral.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.problem.Problem;
import org.trm.model.problem.ProtocolException;
import org.trm.nrm.NrmConfig;

/** Federation refusals in the protocol's own problem types, naming this node as the hop that refused. */
@ApplicationScoped
public class ProtocolProblems {
    private static final Logger LOG = Logger.getLogger(ProtocolProblems.class);

    @Inject
    NrmConfig config;

    @ServerExceptionMapper
    public Response refused(ProtocolException e, HttpServerRequest request) {
        return Response.status(e.problem().status()).type(MediaTypes.PROBLEM_JSON)
                .entity(refusal(e, request.path())).build();
    }

    /** The problem of a refusal, logged: for a whole request, or for one envelope of a batch. */
    public Problem refusal(ProtocolException e, String instance) {
        LOG.infof("federation message refused: %s (%s)", e.problem().type(), e.getMessage());
        return e.problem().toProblem(e.getMessage(), instance, "node." + config.country());
    }
}
