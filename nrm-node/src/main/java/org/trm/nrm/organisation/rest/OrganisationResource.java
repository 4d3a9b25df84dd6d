package org.trm.nrm.organisation.rest;

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
import org.trm.nrm.http.OutageTolerant;
import org.trm.nrm.http.Versions;
import org.trm.nrm.organisation.Organisation;
import org.trm.nrm.organisation.OrganisationService;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.NrmException;
import org.trm.nrm.problem.Refuses;
import org.trm.nrm.security.Roles;

@OutageTolerant
@Path("/api/v1/organisations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganisationResource {

    @Inject
    OrganisationService service;

    /** Every role may list organisations: callers need them to pick a lead or a service provider. */
    @GET
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER, Roles.NGO, Roles.AUDITOR, Roles.NODE_ADMIN })
    public List<OrganisationView> list() {
        return service.list().stream().map(OrganisationView::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER, Roles.NGO, Roles.AUDITOR, Roles.NODE_ADMIN })
    public Response get(@PathParam("id") String id) {
        return ok(service.find(id).orElseThrow(() -> NrmException.notFound("organisation")));
    }

    @POST
    @RolesAllowed(Roles.NODE_ADMIN)
    @Refuses(ErrorCode.DUPLICATE)
    public Response create(@Valid @NotNull OrganisationInput in) {
        Organisation org = service.create(in.toCommand());
        return Response.created(URI.create("/api/v1/organisations/" + org.id))
                .entity(OrganisationView.of(org)).tag(Versions.tag(org.version)).build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.NODE_ADMIN)
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull OrganisationInput in) {
        return ok(service.update(id, Versions.required(ifMatch), in.toCommand()));
    }

    private static Response ok(Organisation org) {
        return Response.ok(OrganisationView.of(org)).tag(Versions.tag(org.version)).build();
    }
}
