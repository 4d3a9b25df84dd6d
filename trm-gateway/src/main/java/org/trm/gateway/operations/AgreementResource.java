package org.trm.gateway.operations;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.trm.gateway.problem.GatewayError;
import org.trm.gateway.problem.GatewayException;
import org.trm.gateway.security.Roles;

/**
 * How this country's agreements are kept, and what each agreed in each of its revisions. Callers: {@link Roles#OWN_NODE} and
 * {@link Roles#OWN_OPERATOR}; a certificate of another country has neither role.
 */
@Path("/local/v1/agreements")
@Produces(MediaType.APPLICATION_JSON)
public class AgreementResource {

    @Inject
    AgreementMonitor monitor;

    @Inject
    AgreementHistory history;

    @GET
    @RolesAllowed({Roles.OWN_NODE, Roles.OWN_OPERATOR})
    public List<AgreementReport> agreements() {
        return monitor.report();
    }

    /** Every revision of one agreement, the replaced ones included: what was agreed when. */
    @GET
    @Path("/{id}/revisions")
    @RolesAllowed({Roles.OWN_NODE, Roles.OWN_OPERATOR})
    public List<AgreementRevisionView> revisions(@PathParam("id") String id) {
        return history.revisions(id)
                .orElseThrow(() -> new GatewayException(GatewayError.NOT_FOUND, "no such agreement in the directory"));
    }
}
