package org.trm.nrm.assistance.rest;

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
import org.trm.nrm.assistance.AssistanceService;
import org.trm.nrm.assistance.ServiceStatus;
import org.trm.nrm.http.CodeParam;
import org.trm.nrm.http.OutageTolerant;
import org.trm.nrm.http.Page;
import org.trm.nrm.security.Roles;

/** A provider's view across cases: what was referred to its organisation. */
@OutageTolerant
@Path("/api/v1/services")
@Produces(MediaType.APPLICATION_JSON)
public class ProviderInboxResource {

    @Inject
    AssistanceService service;

    /** The services referred to the caller's organisation, newest first (all of them for a coordinator). */
    @GET
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER, Roles.NGO })
    public Page<ServiceReferralView> referredToMe(@QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return service.referredToCaller(CodeParam.parse("status", status, ServiceStatus.class), page, size)
                .map(ServiceReferralView::of);
    }
}
