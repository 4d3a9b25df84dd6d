package org.trm.nrm.returns.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.trm.nrm.http.OutageTolerant;
import org.trm.nrm.returns.FollowUpService;
import org.trm.nrm.security.Roles;

/** A case's follow-ups after its return, each DUE, OVERDUE or RECEIVED: dates, no personal data. */
@OutageTolerant
@Path("/api/v1/cases/{caseId}/return-follow-ups")
@Produces(MediaType.APPLICATION_JSON)
public class CaseFollowUpResource {
    @Inject
    FollowUpService service;

    @GET
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER, Roles.AUDITOR })
    public List<FollowUpView> ofCase(@PathParam("caseId") UUID caseId) {
        return service.ofCase(caseId).stream().map(FollowUpView::of).toList();
    }
}
