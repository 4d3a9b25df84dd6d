package org.trm.nrm.assistance.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.trm.nrm.assistance.Assessment;
import org.trm.nrm.assistance.AssistanceService;
import org.trm.nrm.http.OutageTolerant;
import org.trm.nrm.security.Roles;

/** Needs and risk assessments of a case; they are records, never edited (a new one supersedes). */
@OutageTolerant
@Path("/api/v1/cases/{caseId}/assessments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AssessmentResource {

    @Inject
    AssistanceService service;

    @POST
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER, Roles.NGO })
    public Response assess(@PathParam("caseId") UUID caseId, @Valid @NotNull AssessmentInput in) {
        Assessment a = service.assess(caseId, in.toCommand());
        return Response.created(URI.create("/api/v1/cases/" + caseId + "/assessments/" + a.id))
                .entity(AssessmentView.of(a)).build();
    }

    @GET
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER, Roles.NGO })
    public List<AssessmentView> list(@PathParam("caseId") UUID caseId) {
        return service.assessments(caseId).stream().map(AssessmentView::of).toList();
    }
}
