package org.trm.nrm.cases.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.trm.model.code.FormOfExploitation;
import org.trm.model.code.IdentificationStatus;
import org.trm.model.code.Phase;
import org.trm.nrm.cases.CaseFile;
import org.trm.nrm.cases.service.CaseFilter;
import org.trm.nrm.cases.service.CaseService.Transition;
import org.trm.nrm.cases.service.CaseService;
import org.trm.nrm.http.CodeParam;
import org.trm.nrm.http.CountryCode;
import org.trm.nrm.http.OutageTolerant;
import org.trm.nrm.http.Page;
import org.trm.nrm.http.Versions;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.Refuses;
import org.trm.nrm.security.Roles;

/**
 * Cases. Reads and searches are limited to the caller's cases (see CaseAccess); phase changes are
 * explicit actions rather than writable fields, so that each one is checked against the lifecycle.
 */
@OutageTolerant
@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CaseResource {

    @Inject
    CaseService service;

    /** An NGO notifies presumed victims; case workers and coordinators open any case. */
    @POST
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER, Roles.NGO })
    @Refuses(ErrorCode.UNKNOWN_ORGANISATION)
    public Response create(@Valid @NotNull CaseInput in) {
        CaseFile c = service.create(in.toCommand());
        return Response.created(URI.create("/api/v1/cases/" + c.id)).entity(CaseView.of(c))
                .tag(Versions.tag(c.version)).build();
    }

    @GET
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER, Roles.NGO, Roles.AUDITOR })
    public Page<CaseView> search(@QueryParam("reference") String reference, @QueryParam("phase") String phase,
            @QueryParam("identificationStatus") String identificationStatus,
            @QueryParam("formOfExploitation") String form, @QueryParam("citizenship") @CountryCode String citizenship,
            @QueryParam("countryOfExploitation") @CountryCode String countryOfExploitation,
            @QueryParam("leadOrganisationId") String lead, @QueryParam("referringOrganisationId") String referring,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        CaseFilter filter = new CaseFilter(reference, CodeParam.parse("phase", phase, Phase.class),
                CodeParam.parse("identificationStatus", identificationStatus, IdentificationStatus.class),
                CodeParam.parse("formOfExploitation", form, FormOfExploitation.class), citizenship,
                countryOfExploitation, lead, referring);
        return service.search(filter, page, size).map(CaseView::of);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER, Roles.NGO, Roles.AUDITOR })
    public Response get(@PathParam("id") UUID id) {
        return ok(service.get(id));
    }

    /** Replaces the metadata; needs If-Match with the ETag read (428 without, 412 when stale). */
    @PUT
    @Path("{id}")
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER })
    @Refuses(ErrorCode.UNKNOWN_ORGANISATION)
    public Response update(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull CaseInput in) {
        return ok(service.update(id, Versions.required(ifMatch), in.toCommand()));
    }

    @GET
    @Path("{id}/events")
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER, Roles.NGO, Roles.AUDITOR })
    public List<CaseEventView> events(@PathParam("id") UUID id) {
        return service.timeline(id).stream().map(CaseEventView::of).toList();
    }

    /** Starts the reflection and recovery period; If-Match is optional on actions. */
    @POST
    @Path("{id}/actions/start-first-assistance")
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER })
    @Refuses(ErrorCode.ILLEGAL_TRANSITION)
    public Response startFirstAssistance(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            ReflectionPeriodInput in) {
        Transition details = in == null ? Transition.NONE
                : new Transition(in.reflectionPeriodStart(), in.reflectionPeriodEnd(), null);
        return transition(id, ifMatch, Phase.FIRST_ASSISTANCE, details);
    }

    @POST
    @Path("{id}/actions/start-long-term-assistance")
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER })
    @Refuses(ErrorCode.ILLEGAL_TRANSITION)
    public Response startLongTermAssistance(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return transition(id, ifMatch, Phase.LONG_TERM_ASSISTANCE, Transition.NONE);
    }

    /** Needs a consent to return and a risk assessment. */
    @POST
    @Path("{id}/actions/start-return")
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER })
    @Refuses({ErrorCode.ILLEGAL_TRANSITION, ErrorCode.CONSENT_REQUIRED, ErrorCode.GUARDIAN_CONSENT_REQUIRED,
            ErrorCode.BEST_INTERESTS_DETERMINATION_REQUIRED, ErrorCode.REFLECTION_PERIOD_RUNNING,
            ErrorCode.RISK_ASSESSMENT_REQUIRED})
    public Response startReturn(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return transition(id, ifMatch, Phase.RETURN, Transition.NONE);
    }

    @POST
    @Path("{id}/actions/close")
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER })
    @Refuses(ErrorCode.ILLEGAL_TRANSITION)
    public Response close(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull CloseInput in) {
        return transition(id, ifMatch, Phase.CLOSED, new Transition(null, null, in.reason()));
    }

    private Response transition(UUID id, String ifMatch, Phase target, Transition details) {
        Optional<Long> version = Versions.optional(ifMatch);
        return ok(service.transition(id, version, target, details));
    }

    private static Response ok(CaseFile c) {
        return Response.ok(CaseView.of(c)).tag(Versions.tag(c.version)).build();
    }
}
