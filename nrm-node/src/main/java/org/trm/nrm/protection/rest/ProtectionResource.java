package org.trm.nrm.protection.rest;

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
import java.util.UUID;
import org.trm.nrm.cases.rest.CaseView;
import org.trm.nrm.http.OutageTolerant;
import org.trm.nrm.protection.ProtectionService;
import org.trm.nrm.security.Roles;

/**
 * A case's protection records: a disputed age and its assessment, a child's guardian and
 * best-interests determination, the victim's request to return before the reflection period ends.
 * Records, never edited: a later one supersedes.
 */
@OutageTolerant
@Path("/api/v1/cases/{caseId}/protection")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProtectionResource {

    @Inject
    ProtectionService service;

    @GET
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER })
    public ProtectionView get(@PathParam("caseId") UUID caseId) {
        return ProtectionView.of(service.records(caseId));
    }

    /** The age is disputed: from now on the case is a child's until an assessment decides. */
    @POST
    @Path("age-dispute")
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER })
    public ProtectionView disputeAge(@PathParam("caseId") UUID caseId) {
        service.disputeAge(caseId);
        return ProtectionView.of(service.records(caseId));
    }

    @POST
    @Path("age-assessments")
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER })
    public Response assessAge(@PathParam("caseId") UUID caseId, @Valid @NotNull ProtectionInputs.AgeAssessmentInput in) {
        var a = service.assessAge(caseId, in.toCommand());
        return created(caseId, "age-assessments", a.id, ProtectionView.AgeAssessmentView.of(a));
    }

    @POST
    @Path("guardian-appointments")
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER })
    public Response appointGuardian(@PathParam("caseId") UUID caseId,
            @Valid @NotNull ProtectionInputs.GuardianAppointmentInput in) {
        var g = service.appointGuardian(caseId, in.toCommand());
        return created(caseId, "guardian-appointments", g.id, ProtectionView.GuardianView.of(g));
    }

    @POST
    @Path("best-interests-determinations")
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER })
    public Response determineBestInterests(@PathParam("caseId") UUID caseId,
            @Valid @NotNull ProtectionInputs.BestInterestsInput in) {
        var d = service.determineBestInterests(caseId, in.toCommand());
        return created(caseId, "best-interests-determinations", d.id, ProtectionView.BestInterestsView.of(d));
    }

    /** An asylum application or a protection status; sets do-not-contact-origin. Answers the case's metadata. */
    @POST
    @Path("international-protection")
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER })
    public CaseView internationalProtection(@PathParam("caseId") UUID caseId,
            @Valid @NotNull ProtectionInputs.InternationalProtectionInput in) {
        return CaseView.of(service.internationalProtection(caseId, in.toCommand()));
    }

    @POST
    @Path("early-return-requests")
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER })
    public Response requestEarlyReturn(@PathParam("caseId") UUID caseId, @Valid @NotNull ProtectionInputs.EarlyReturnInput in) {
        var r = service.requestEarlyReturn(caseId, in.toCommand());
        return created(caseId, "early-return-requests", r.id, ProtectionView.EarlyReturnView.of(r));
    }

    private static Response created(UUID caseId, String kind, UUID id, Object view) {
        return Response.created(URI.create("/api/v1/cases/" + caseId + "/protection/" + kind + "/" + id)).entity(view).build();
    }
}
