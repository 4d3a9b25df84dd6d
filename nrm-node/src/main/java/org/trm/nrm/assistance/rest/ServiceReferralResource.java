package org.trm.nrm.assistance.rest;

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
import org.trm.nrm.assistance.AssistanceService;
import org.trm.nrm.assistance.ServiceReferral;
import org.trm.nrm.http.OutageTolerant;
import org.trm.nrm.http.Versions;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.Refuses;
import org.trm.nrm.security.Roles;

/** Referrals of a case to national service providers; providers (NGOs) answer and report the outcome. */
@OutageTolerant
@Path("/api/v1/cases/{caseId}/services")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServiceReferralResource {

    @Inject
    AssistanceService service;

    @POST
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER })
    @Refuses({ ErrorCode.UNKNOWN_ORGANISATION, ErrorCode.SERVICE_REFERRAL_CONSENT_REQUIRED, ErrorCode.GUARDIAN_CONSENT_REQUIRED })
    public Response refer(@PathParam("caseId") UUID caseId, @Valid @NotNull ServiceReferralInput in) {
        ServiceReferral s = service.refer(caseId, in.toCommand());
        return Response.created(URI.create("/api/v1/cases/" + caseId + "/services/" + s.id))
                .entity(ServiceReferralView.of(s)).tag(Versions.tag(s.version)).build();
    }

    @GET
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER, Roles.NGO })
    public List<ServiceReferralView> list(@PathParam("caseId") UUID caseId) {
        return service.services(caseId).stream().map(ServiceReferralView::of).toList();
    }

    @GET
    @Path("{serviceId}")
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER, Roles.NGO })
    public Response get(@PathParam("caseId") UUID caseId, @PathParam("serviceId") UUID serviceId) {
        return ok(service.service(caseId, serviceId));
    }

    /** Status and outcome; needs If-Match. An NGO updates only services referred to it. */
    @PUT
    @Path("{serviceId}")
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER, Roles.NGO })
    @Refuses(ErrorCode.ILLEGAL_TRANSITION)
    public Response update(@PathParam("caseId") UUID caseId, @PathParam("serviceId") UUID serviceId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull ServiceUpdateInput in) {
        return ok(service.update(caseId, serviceId, Versions.required(ifMatch), in.toCommand()));
    }

    private static Response ok(ServiceReferral s) {
        return Response.ok(ServiceReferralView.of(s)).tag(Versions.tag(s.version)).build();
    }
}
