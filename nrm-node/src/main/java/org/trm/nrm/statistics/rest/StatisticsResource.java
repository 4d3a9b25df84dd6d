package org.trm.nrm.statistics.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.trm.nrm.http.OutageTolerant;
import org.trm.nrm.security.Roles;
import org.trm.nrm.statistics.StatisticsService;
import org.trm.nrm.statistics.StatisticsService.Statistics;

/** Anonymised statistics, safe to publish and to sum across countries. */
@OutageTolerant
@Path("/api/v1/statistics")
@Produces(MediaType.APPLICATION_JSON)
public class StatisticsResource {

    @Inject
    StatisticsService service;

    /** All cases, or those opened in {@code year}. */
    @GET
    @RolesAllowed({ Roles.AUDITOR, Roles.COORDINATOR })
    public Statistics get(@QueryParam("year") @Min(2000) @Max(2100) Integer year) {
        return service.compute(year);
    }
}
