package org.trm.gateway.operations;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;
import org.trm.gateway.security.Roles;

/**
 * What the gateway knows of the federation, for the country's operator and for its node (whose
 * console shows it to the node's administrators): partners, directory, queues, certificates, dead
 * letters, and a ping of a partner gateway over mTLS.
 */
@Path("/local/v1/operations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OWN_OPERATOR, Roles.OWN_NODE})
public class OperationsResource {

    @Inject
    Operations operations;

    @GET
    public Operations.Overview overview() {
        return operations.overview();
    }

    @POST
    @Path("/ping/{country}")
    public CompletionStage<Operations.PingResult> ping(@PathParam("country") String country) {
        return operations.ping(country);
    }
}
