package org.trm.nrm.statistics.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.trm.model.problem.http.InvalidQueryParameter;
import org.trm.nrm.http.OutageTolerant;
import org.trm.nrm.security.Roles;
import org.trm.nrm.statistics.StatisticalTablesService;
import org.trm.nrm.statistics.StatisticalTablesService.NodeTables;

/** The node's figures as fixed tables, small cells suppressed so that no answer reveals them. */
@OutageTolerant
@Path("/api/v1/statistics/tables")
@Produces(MediaType.APPLICATION_JSON)
public class StatisticalTablesResource {

    @Inject
    StatisticalTablesService service;

    /** Takes no parameter: a filter would let two answers be subtracted. */
    @GET
    @RolesAllowed({ Roles.AUDITOR, Roles.COORDINATOR })
    public NodeTables get(@Context UriInfo uri) {
        if (!uri.getQueryParameters().isEmpty()) {
            throw new InvalidQueryParameter("the statistical tables take no query parameter: "
                    + "every year and every dimension is in the one answer", null);
        }
        return service.release();
    }
}
