package org.trm.nrm.consent.rest;

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
import org.trm.nrm.consent.Consent;
import org.trm.nrm.consent.ConsentService;
import org.trm.nrm.http.OutageTolerant;
import org.trm.nrm.security.Roles;

/** Consents of a case: recorded by whoever meets the victim (NGOs included), withdrawn by an action. */
@OutageTolerant
@Path("/api/v1/cases/{caseId}/consents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConsentResource {

    @Inject
    ConsentService service;

    @POST
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER, Roles.NGO })
    public Response give(@PathParam("caseId") UUID caseId, @Valid @NotNull ConsentInput in) {
        Consent c = service.give(caseId, in.toCommand());
        return Response.created(URI.create("/api/v1/cases/" + caseId + "/consents/" + c.id)).entity(ConsentView.of(c))
                .build();
    }

    @GET
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER, Roles.NGO })
    public List<ConsentView> list(@PathParam("caseId") UUID caseId) {
        return service.list(caseId).stream().map(ConsentView::of).toList();
    }

    @POST
    @Path("{consentId}/withdraw")
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER, Roles.NGO })
    public ConsentView withdraw(@PathParam("caseId") UUID caseId, @PathParam("consentId") UUID consentId) {
        return ConsentView.of(service.withdraw(caseId, consentId));
    }
}
