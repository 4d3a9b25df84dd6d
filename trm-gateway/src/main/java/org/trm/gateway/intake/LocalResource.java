package org.trm.gateway.intake;

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
import org.trm.gateway.problem.GatewayError;
import org.trm.gateway.problem.GatewayException;
import org.trm.gateway.security.CertificateRoles;
import org.trm.gateway.security.Roles;
import org.trm.model.envelope.BatchOutcome;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.status.Direction;
import org.trm.model.status.MessageStatus;

/**
 * The own node's side: it posts outbound envelopes (one per request or in batches) and follows
 * their state. Callers: {@link Roles#OWN_NODE}; the status also {@link Roles#OWN_OPERATOR}.
 */
@Path(LocalResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class LocalResource {
    static final String PATH = "/local/v1/envelopes";

    @Inject
    SecurityIdentity identity;

    @Inject
    IntakeService intake;

    @POST
    @Consumes(MediaTypes.ENVELOPE_JWS)
    @RolesAllowed(Roles.OWN_NODE)
    public CompletionStage<Response> send(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        return intake.accept(Direction.OUTBOUND, CertificateRoles.caller(identity), contentType, body).thenApply(IntakeService::respond);
    }

    @POST
    @Consumes(MediaTypes.ENVELOPE_BATCH)
    @RolesAllowed(Roles.OWN_NODE)
    public CompletionStage<BatchOutcome> sendBatch(byte[] body) {
        return intake.acceptBatch(Direction.OUTBOUND, CertificateRoles.caller(identity), body, PATH);
    }

    @GET
    @Path("/{messageId}")
    @RolesAllowed({Roles.OWN_NODE, Roles.OWN_OPERATOR})
    public MessageStatus status(@PathParam("messageId") UUID messageId) {
        return intake.status(messageId)
                .orElseThrow(() -> new GatewayException(GatewayError.NOT_FOUND, "no message " + messageId + " here"));
    }
}
