package org.trm.nrm.operations.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.trm.model.problem.Problem;
import org.trm.nrm.http.OutageTolerant;
import org.trm.nrm.operations.GatewayOperations;
import org.trm.nrm.operations.MessageTrace;
import org.trm.nrm.operations.NodeCredentials;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.Refuses;
import org.trm.nrm.security.Roles;
import org.trm.nrm.http.CountryCode;

/**
 * The country's gateway as its operator sees it, for the node's administrators: the federation at a
 * glance, dead letters and their retry, and a ping of a partner gateway. Users talk to their node
 * only; the node asks its gateway over mTLS.
 */
@OutageTolerant
@Path("/api/v1/operations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.NODE_ADMIN)
public class OperationsResource {

    @Inject
    GatewayOperations gateway;

    @Inject
    MessageTrace trace;

    @Inject
    NodeCredentials credentials;

    @GET
    @Refuses(ErrorCode.FEDERATION_DISABLED)
    public Response overview() {
        return relay(gateway.overview());
    }

    @GET
    @Refuses(ErrorCode.FEDERATION_DISABLED)
    @Path("dead-letters")
    public Response deadLetters(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return relay(gateway.deadLetters(limit));
    }

    @POST
    @Refuses(ErrorCode.FEDERATION_DISABLED)
    @Path("dead-letters/{messageId}/retry")
    public Response retry(@PathParam("messageId") UUID messageId) {
        return relay(gateway.retry(messageId));
    }

    /** The node's own certificates and keys, which its gateway cannot see; answers without the gateway. */
    @GET
    @Path("credentials")
    public NodeCredentials.Credentials credentials() {
        return credentials.credentials();
    }

    /** Every message of the conversations a message id, a conversation id or a case reference finds, at both hops. */
    @GET
    @Path("trace")
    public List<MessageTrace.Hop> trace(@QueryParam("messageId") UUID messageId,
            @QueryParam("conversationId") UUID conversationId,
            @QueryParam("caseReference") @Size(max = 40) String caseReference) {
        return trace.trace(messageId, conversationId, caseReference);
    }

    @POST
    @Refuses(ErrorCode.FEDERATION_DISABLED)
    @Path("ping/{country}")
    public Response ping(@PathParam("country") @CountryCode String country) {
        return relay(gateway.ping(country));
    }

    private static Response relay(GatewayOperations.Answer answer) {
        return Response.status(answer.status()).entity(answer.body())
                .type(answer.status() >= 400 ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON).build();
    }
}
