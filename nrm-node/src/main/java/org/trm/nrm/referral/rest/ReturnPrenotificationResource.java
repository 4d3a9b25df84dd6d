package org.trm.nrm.referral.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.trm.model.problem.ProblemType;
import org.trm.nrm.http.OutageTolerant;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.Refuses;
import org.trm.nrm.referral.service.ReferralService;
import org.trm.nrm.security.Roles;

/**
 * A return announced ahead to the NRM of the country of return, only ever a partner's node under an
 * agreement that covers it: a conversation of its own (NOTIFIED), read like any other under
 * {@code referrals}. Coordinators only, as for everything sent abroad.
 */
@OutageTolerant
@Path("/api/v1/cases/{caseId}/return-prenotifications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReturnPrenotificationResource {
    @Inject
    ReferralService referrals;

    @POST
    @RolesAllowed(Roles.COORDINATOR)
    @Refuses(value = {ErrorCode.CONSENT_REQUIRED, ErrorCode.GUARDIAN_CONSENT_REQUIRED, ErrorCode.REFLECTION_PERIOD_RUNNING,
            ErrorCode.LEAD_TIME_TOO_SHORT, ErrorCode.DO_NOT_CONTACT, ErrorCode.FEDERATION_DISABLED},
            protocol = {ProblemType.NO_AGREEMENT, ProblemType.AGREEMENT_EXPIRED, ProblemType.AGREEMENT_NOT_YET_VALID,
                    ProblemType.TYPE_NOT_COVERED})
    public Response prenotify(@PathParam("caseId") UUID caseId, @Valid @NotNull PrenotificationInput in) {
        return Response.accepted(QueuedView.of(referrals.prenotify(caseId, in.toCommand()))).build();
    }
}
