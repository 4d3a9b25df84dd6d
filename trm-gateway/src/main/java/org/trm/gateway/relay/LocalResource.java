package org.trm.gateway.relay;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.problem.GatewayError;
import org.trm.gateway.problem.GatewayException;
import org.trm.gateway.tls.Caller;
import org.trm.model.envelope.BatchOutcome;
import org.trm.model.envelope.MediaTypes;

/**
 * The own node's side: it posts outbound envelopes (one per request or in batches) and follows
 * their state. Callers: the node certificate ({@code OU=node}) of this gateway's country; status
 * also the country's operator.
 */
@Path(LocalResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class LocalResource {
    static final String PATH = "/local/v1/envelopes";

    @Inject
    SecurityIdentity identity;

    @Inject
    GatewayConfig config;

    @Inject
    RelayService relay;

    @Inject
    MessageStore store;

    @POST
    @RolesAllowed(Caller.NODE)
    public CompletionStage<Response> send(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        Caller caller = Caller.of(identity).require(Caller.NODE, config.country());
        return relay.accept(Direction.OUTBOUND, caller, contentType, body).thenApply(RelayService::respond);
    }

    @POST
    @Consumes(MediaTypes.ENVELOPE_BATCH)
    @RolesAllowed(Caller.NODE)
    public CompletionStage<BatchOutcome> sendBatch(byte[] body) {
        Caller caller = Caller.of(identity).require(Caller.NODE, config.country());
        return relay.acceptBatch(Direction.OUTBOUND, caller, body, PATH);
    }

    @GET
    @Path("/{messageId}")
    @RolesAllowed({Caller.NODE, Caller.OPERATOR})
    public MessageStatus status(@PathParam("messageId") UUID messageId) {
        Caller caller = Caller.of(identity);
        caller.require(caller.role(), config.country());
        return store.status(messageId)
                .orElseThrow(() -> new GatewayException(GatewayError.NOT_FOUND, "no message " + messageId + " here"));
    }
}
