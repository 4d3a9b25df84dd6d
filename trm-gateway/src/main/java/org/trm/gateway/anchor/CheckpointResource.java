package org.trm.gateway.anchor;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.trm.gateway.problem.GatewayError;
import org.trm.gateway.problem.GatewayException;
import org.trm.gateway.security.Roles;
import org.trm.model.envelope.MediaTypes;

/**
 * The anchor of the own node's audit trail: the node hands in signed checkpoints of its audit head
 * ({@link Roles#OWN_NODE} only); the node and the country's operator read them back.
 */
@Path("/local/v1/audit-checkpoints")
@Produces(MediaType.APPLICATION_JSON)
public class CheckpointResource {
    static final int MAX_PAGE = 1000;

    @Inject
    CheckpointLedger ledger;

    /** {@code 201} for a new checkpoint, {@code 200} for one held already (a resend); exactly its media type (ExactMediaType). */
    @POST
    @Consumes(MediaTypes.AUDIT_CHECKPOINT_JWS)
    @RolesAllowed(Roles.OWN_NODE)
    public Response append(byte[] body) {
        CheckpointLedger.Appended appended = ledger.append(body);
        return Response.status(appended.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(appended.checkpoint()).build();
    }

    @GET
    @Path("/latest")
    @RolesAllowed({Roles.OWN_NODE, Roles.OWN_OPERATOR})
    public CheckpointView latest() {
        return ledger.latest().orElseThrow(() -> new GatewayException(GatewayError.NOT_FOUND, "no checkpoint held yet"));
    }

    /** Checkpoints in sequence order after {@code after} (exclusive), at most {@code limit}. */
    @GET
    @RolesAllowed({Roles.OWN_NODE, Roles.OWN_OPERATOR})
    public List<CheckpointView> list(@QueryParam("after") @DefaultValue("-1") long after,
            @QueryParam("limit") @DefaultValue("500") int limit) {
        return ledger.after(after, Math.max(1, Math.min(limit, MAX_PAGE)));
    }
}
