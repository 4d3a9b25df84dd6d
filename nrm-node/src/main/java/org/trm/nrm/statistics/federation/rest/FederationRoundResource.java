package org.trm.nrm.statistics.federation.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.trm.model.problem.ProblemType;
import org.trm.nrm.http.OutageTolerant;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.NrmException;
import org.trm.nrm.problem.Refuses;
import org.trm.nrm.security.Roles;
import org.trm.nrm.statistics.federation.FederationRounds;
import org.trm.nrm.statistics.federation.FederationRounds.RoundView;

/**
 * The federation's figures by secure aggregation (docs/PROTOCOL.md section 17): a round is started
 * here and read here until it is COMPLETE (its released tables) or FAILED (its problem). Only the
 * requesting node reads a round's result.
 */
@OutageTolerant
@Path("/api/v1/statistics/federation-rounds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FederationRoundResource {

    /** Countries to leave out of the round, e.g. one that did not answer the last time. */
    public record RoundRequest(Set<@jakarta.validation.constraints.Pattern(regexp = "[A-Z]{2}") String> exclude) {
    }

    @Inject
    FederationRounds rounds;

    @POST
    @RolesAllowed({ Roles.COORDINATOR, Roles.AUDITOR })
    @Refuses(value = {ErrorCode.FEDERATION_DISABLED},
            protocol = {ProblemType.TOO_FEW_PARTICIPANTS, ProblemType.STATISTICS_ROUND_OVERLAPS, ProblemType.NO_AGREEMENT,
                    ProblemType.AGREEMENT_EXPIRED, ProblemType.AGREEMENT_NOT_YET_VALID, ProblemType.TYPE_NOT_COVERED})
    public Response start(@Valid RoundRequest in) {
        RoundView round = rounds.start(in == null || in.exclude() == null ? Set.of() : in.exclude());
        return Response.accepted(round)
                .location(UriBuilder.fromResource(FederationRoundResource.class).path(round.id().toString()).build())
                .build();
    }

    /** This node's latest rounds, without their tables. */
    @GET
    @RolesAllowed({ Roles.COORDINATOR, Roles.AUDITOR })
    public List<RoundView> list() {
        return rounds.recent();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.COORDINATOR, Roles.AUDITOR })
    public RoundView get(@PathParam("id") UUID id) {
        return rounds.find(id).orElseThrow(() -> NrmException.notFound("statistics round"));
    }
}
