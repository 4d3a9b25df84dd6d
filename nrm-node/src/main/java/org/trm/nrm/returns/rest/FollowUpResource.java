package org.trm.nrm.returns.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.trm.nrm.http.CodeParam;
import org.trm.nrm.http.OutageTolerant;
import org.trm.nrm.http.Page;
import org.trm.nrm.returns.FollowUpService;
import org.trm.nrm.returns.ReturnFollowUp;
import org.trm.nrm.security.Roles;

/**
 * The country's follow-ups after returns, for the coordinator who watches them:
 * {@code ?state=OVERDUE} is what the countries of return owe, the earliest due first.
 */
@OutageTolerant
@Path("/api/v1/return-follow-ups")
@Produces(MediaType.APPLICATION_JSON)
public class FollowUpResource {
    @Inject
    FollowUpService service;

    @GET
    @RolesAllowed(Roles.COORDINATOR)
    public Page<FollowUpView> list(@QueryParam("state") String state,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return service.list(CodeParam.parse("state", state, ReturnFollowUp.State.class), page, size).map(FollowUpView::of);
    }
}
