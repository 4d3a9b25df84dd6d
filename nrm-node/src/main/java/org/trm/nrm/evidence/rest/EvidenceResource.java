package org.trm.nrm.evidence.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.trm.nrm.evidence.EvidenceService;
import org.trm.nrm.http.OutageTolerant;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.Refuses;
import org.trm.nrm.security.Roles;

/** A conversation's evidence bundle, for a court or an auditor: checked offline by deploy/evidence-verifier. */
@OutageTolerant
@Path("/api/v1/referrals/{conversationId}/evidence")
public class EvidenceResource {
    @Inject
    EvidenceService evidence;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.AUDITOR})
    @Refuses(ErrorCode.FEDERATION_DISABLED)
    public Response bundle(@PathParam("conversationId") UUID conversationId) {
        return Response.ok(evidence.bundle(conversationId), MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"evidence-" + conversationId + ".json\"")
                .build();
    }
}
