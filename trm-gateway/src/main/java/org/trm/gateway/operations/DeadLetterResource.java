package org.trm.gateway.operations;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.trm.gateway.problem.GatewayError;
import org.trm.gateway.problem.GatewayException;
import org.trm.gateway.relay.Wakeup;
import org.trm.gateway.security.Roles;
import org.trm.model.status.MessageStatus;

/**
 * Messages that could not be delivered by their deadline: listed and retried by the country's
 * gateway operator ({@link Roles#OWN_OPERATOR}), or by its node on behalf of the node's administrators
 * ({@link Roles#OWN_NODE}: the node's console reaches the gateway only through the node), never dropped.
 */
@Path("/local/v1/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OWN_OPERATOR, Roles.OWN_NODE})
public class DeadLetterResource {

    @Inject
    DeadLetters deadLetters;

    @Inject
    Wakeup wakeup;

    @GET
    public List<MessageStatus> list(@QueryParam("limit") @DefaultValue("100") int limit) {
        return deadLetters.list(Math.max(1, Math.min(limit, 1000)));
    }

    @POST
    @Path("/{messageId}/retry")
    @APIResponse(responseCode = "202", description = "The dead letter is due again, with a new window of attempts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MessageStatus.class)))
    public Response retry(@PathParam("messageId") UUID messageId) {
        MessageStatus status = deadLetters.retry(messageId)
                .orElseThrow(() -> new GatewayException(GatewayError.NOT_FOUND, "no message " + messageId + " here"));
        // Committed by now: the dispatcher can lease it at once.
        wakeup.raise(status.direction());
        return Response.accepted(status).build();
    }
}
