package org.trm.nrm.person.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.trm.nrm.http.OutageTolerant;
import org.trm.nrm.http.Versions;
import org.trm.nrm.person.PersonalData;
import org.trm.nrm.person.PersonalDataService;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.Refuses;
import org.trm.nrm.security.Roles;

/** A case's personal data. Auditors never reach it; every access is written to the audit trail. */
@OutageTolerant
@Path("/api/v1/cases/{caseId}/personal-data")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PersonalDataResource {

    @Inject
    PersonalDataService service;

    @GET
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER, Roles.NGO })
    @Refuses(ErrorCode.PERSONAL_DATA_NOT_ALLOWED)
    public Response get(@PathParam("caseId") UUID caseId) {
        return ok(service.get(caseId));
    }

    /** Creates the record, or replaces it given If-Match with its current ETag. */
    @PUT
    @RolesAllowed({ Roles.COORDINATOR, Roles.CASE_WORKER, Roles.NGO })
    @Refuses(ErrorCode.PERSONAL_DATA_NOT_ALLOWED)
    public Response put(@PathParam("caseId") UUID caseId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull PersonalDataInput in) {
        return ok(service.put(caseId, Versions.optional(ifMatch), in.toCommand()));
    }

    /** Erasure (right to be forgotten): only a coordinator decides it. */
    @DELETE
    @RolesAllowed(Roles.COORDINATOR)
    public Response erase(@PathParam("caseId") UUID caseId) {
        service.erase(caseId);
        return Response.noContent().build();
    }

    private static Response ok(PersonalData p) {
        return Response.ok(PersonalDataView.of(p)).tag(Versions.tag(p.version)).build();
    }
}
