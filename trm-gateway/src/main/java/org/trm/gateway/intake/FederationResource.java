package org.trm.gateway.intake;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;
import org.trm.gateway.security.CertificateRoles;
import org.trm.gateway.security.Roles;
import org.trm.model.envelope.BatchOutcome;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.status.Direction;

/**
 * Where peer gateways hand over envelopes for this country, one per request or in batches. Callers:
 * {@link Roles#PEER_GATEWAY}, a gateway certificate of another country; the border check ties its
 * country to each envelope's {@code from}.
 */
@Path(FederationResource.PATH)
public class FederationResource {
    static final String PATH = "/federation/v1/envelopes";

    @Inject
    SecurityIdentity identity;

    @Inject
    IntakeService intake;

    @POST
    @Consumes(MediaTypes.ENVELOPE_JWS)
    @RolesAllowed(Roles.PEER_GATEWAY)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> accept(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        return intake.accept(Direction.INBOUND, CertificateRoles.caller(identity), contentType, body).thenApply(IntakeService::respond);
    }

    @POST
    @Consumes(MediaTypes.ENVELOPE_BATCH)
    @RolesAllowed(Roles.PEER_GATEWAY)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<BatchOutcome> acceptBatch(byte[] body) {
        return intake.acceptBatch(Direction.INBOUND, CertificateRoles.caller(identity), body, PATH);
    }
}
