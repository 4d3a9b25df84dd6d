package org.trm.nrm.returns.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.trm.nrm.http.OutageTolerant;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.Refuses;
import org.trm.nrm.returns.FollowUpService;
import org.trm.nrm.security.Roles;

/**
 * The departure under a return this country requested in a conversation: from it, the follow-ups the
 * agreement with the country of return sets. Coordinators, who requested the return.
 */
@OutageTolerant
@Path("/api/v1/referrals/{conversationId}/return-departure")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReturnDepartureResource {
    @Inject
    FollowUpService service;

    /** Answers the follow-ups now due, created at the case's follow-up list. */
    @POST
    @RolesAllowed(Roles.COORDINATOR)
    @Refuses({ ErrorCode.RETURN_NOT_REQUESTED, ErrorCode.DUPLICATE })
    public Response record(@PathParam("conversationId") UUID conversationId, @Valid @NotNull DepartureInput in) {
        FollowUpService.Schedule schedule = service.recordDeparture(conversationId, in.departedOn());
        List<FollowUpView> due = schedule.followUps().stream().map(FollowUpView::of).toList();
        return Response.created(URI.create("/api/v1/cases/" + schedule.caseId() + "/return-follow-ups")).entity(due).build();
    }
}
