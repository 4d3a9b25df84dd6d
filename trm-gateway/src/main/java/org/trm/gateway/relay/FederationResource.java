package org.trm.gateway.relay;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;
import org.trm.gateway.tls.Caller;

/**
 * Where peer gateways hand over envelopes for this country. Callers: a gateway certificate
 * ({@code OU=gateway}) of the sending country; the border check ties its {@code C} to {@code from}.
 */
@Path("/federation/v1/envelopes")
public class FederationResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    RelayService relay;

    @POST
    @RolesAllowed(Caller.GATEWAY)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> accept(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        return relay.accept(Direction.INBOUND, Caller.of(identity), contentType, body).thenApply(RelayService::respond);
    }
}
