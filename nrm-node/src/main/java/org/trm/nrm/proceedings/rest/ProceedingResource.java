package org.trm.nrm.proceedings.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.trm.nrm.http.OutageTolerant;
import org.trm.nrm.http.Versions;
import org.trm.nrm.proceedings.Proceeding;
import org.trm.nrm.proceedings.ProceedingService;
import org.trm.nrm.security.Roles;

/** Proceedings of a case. NGOs (legal counselling) may read them; case workers keep them. */
@OutageTolerant
@Path("/api/v1/cases/{caseId}/proceedings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProceedingResource {

    @Inject
    ProceedingService service;

    @POST
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER })
    public Response open(@PathParam("caseId") UUID caseId, @Valid @NotNull ProceedingInput in) {
        Proceeding p = service.open(caseId, in.toCommand());
        return Response.created(URI.create("/api/v1/cases/" + caseId + "/proceedings/" + p.id))
                .entity(ProceedingView.of(p)).tag(Versions.tag(p.version)).build();
    }

    @GET
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER, Roles.NGO })
    public List<ProceedingView> list(@PathParam("caseId") UUID caseId) {
        return service.list(caseId).stream().map(ProceedingView::of).toList();
    }

    @PUT
    @Path("{proceedingId}")
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER })
    public Response update(@PathParam("caseId") UUID caseId, @PathParam("proceedingId") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull ProceedingInput in) {
        Proceeding p = service.update(caseId, id, Versions.required(ifMatch), in.toCommand());
        return Response.ok(ProceedingView.of(p)).tag(Versions.tag(p.version)).build();
    }
}
