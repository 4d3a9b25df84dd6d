package org.trm.nrm.referral.rest;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.trm.model.problem.ProblemType;
import org.trm.model.status.Direction;
import org.trm.nrm.http.OutageTolerant;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.Refuses;
import org.trm.nrm.referral.Conversation;
import org.trm.nrm.referral.service.ConversationView;
import org.trm.nrm.referral.service.ConversationViews;
import org.trm.nrm.referral.service.ReferralService;
import org.trm.nrm.security.Roles;

/** Transnational conversations: only the country's coordinators act; auditors may read them. */
@OutageTolerant
@Path("/api/v1/referrals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReferralResource {
    @Inject
    ReferralService referrals;

    @Inject
    ConversationViews views;

    @GET
        @RolesAllowed({Roles.COORDINATOR, Roles.AUDITOR})
    public List<ConversationView> list(@QueryParam("direction") Direction direction,
            @QueryParam("status") Conversation.Status status) {
        return views.list(direction, status);
    }

    @GET
    @Path("/{conversationId}")
    @RolesAllowed({Roles.COORDINATOR, Roles.AUDITOR})
    public ConversationView one(@PathParam("conversationId") UUID conversationId) {
        return views.one(conversationId);
    }

    @POST
    @Path("/{conversationId}/accept")
    @RolesAllowed(Roles.COORDINATOR)
    @Refuses(value = {ErrorCode.ILLEGAL_TRANSITION, ErrorCode.FEDERATION_DISABLED},
            protocol = {ProblemType.NO_AGREEMENT, ProblemType.AGREEMENT_EXPIRED, ProblemType.AGREEMENT_NOT_YET_VALID,
                    ProblemType.TYPE_NOT_COVERED})
    public Response accept(@PathParam("conversationId") UUID conversationId) {
        return Response.accepted(QueuedView.of(referrals.accept(conversationId))).build();
    }

    @POST
    @Path("/{conversationId}/decline")
    @RolesAllowed(Roles.COORDINATOR)
    @Refuses(value = {ErrorCode.ILLEGAL_TRANSITION, ErrorCode.FEDERATION_DISABLED},
            protocol = {ProblemType.NO_AGREEMENT, ProblemType.AGREEMENT_EXPIRED, ProblemType.AGREEMENT_NOT_YET_VALID,
                    ProblemType.TYPE_NOT_COVERED})
    public Response decline(@PathParam("conversationId") UUID conversationId, @Valid @NotNull DeclineRequest in) {
        return Response.accepted(QueuedView.of(referrals.decline(conversationId, in.reason()))).build();
    }

    @POST
    @Path("/{conversationId}/messages")
    @RolesAllowed(Roles.COORDINATOR)
    @Refuses(value = {ErrorCode.ILLEGAL_TRANSITION, ErrorCode.CONSENT_REQUIRED, ErrorCode.GUARDIAN_CONSENT_REQUIRED,
            ErrorCode.BEST_INTERESTS_DETERMINATION_REQUIRED, ErrorCode.REFLECTION_PERIOD_RUNNING,
            ErrorCode.RISK_ASSESSMENT_REQUIRED, ErrorCode.DO_NOT_CONTACT, ErrorCode.PERSONAL_DATA_NOT_ALLOWED,
            ErrorCode.LEAD_TIME_TOO_SHORT, ErrorCode.RETURN_NOT_REQUESTED, ErrorCode.FEDERATION_DISABLED}, protocol = {ProblemType.NO_AGREEMENT, ProblemType.AGREEMENT_EXPIRED, ProblemType.AGREEMENT_NOT_YET_VALID,
                    ProblemType.TYPE_NOT_COVERED})
    public Response send(@PathParam("conversationId") UUID conversationId, @Valid @NotNull MessageRequest in) {
        return Response.accepted(QueuedView.of(referrals.send(conversationId, in.toCommand()))).build();
    }
}
