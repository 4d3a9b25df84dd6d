package org.trm.nrm.referral.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import org.trm.nrm.http.CountryCode;
import org.trm.nrm.http.OutageTolerant;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.Refuses;
import org.trm.nrm.referral.service.ConversationView;
import org.trm.nrm.referral.service.ConversationViews;
import org.trm.nrm.referral.service.ReferralChecks;
import org.trm.nrm.referral.service.ReferralService;
import org.trm.nrm.security.Roles;

/** A case's transnational thread and referring it abroad; coordinators act, auditors read. */
@OutageTolerant
@Path("/api/v1/cases/{caseId}/referrals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CaseReferralResource {
    @Inject
    ReferralService referrals;

    @Inject
    ConversationViews views;

    @POST
    @RolesAllowed(Roles.COORDINATOR)
    @Refuses(value = {ErrorCode.CONSENT_REQUIRED, ErrorCode.IDENTITY_CONSENT_REQUIRED, ErrorCode.GUARDIAN_CONSENT_REQUIRED,
            ErrorCode.DO_NOT_CONTACT, ErrorCode.PERSONAL_DATA_NOT_ALLOWED, ErrorCode.ILLEGAL_TRANSITION, ErrorCode.FEDERATION_DISABLED},
            protocol = {ProblemType.NO_AGREEMENT, ProblemType.AGREEMENT_EXPIRED, ProblemType.AGREEMENT_NOT_YET_VALID,
                    ProblemType.TYPE_NOT_COVERED})
    public Response refer(@PathParam("caseId") UUID caseId, @Valid @NotNull ReferralRequest in) {
        return Response.accepted(QueuedView.of(referrals.refer(caseId, in.toCommand()))).build();
    }

    /**
     * What the node would decide about referring the case to {@code to} now, rule by rule (consent,
     * do-not-contact, agreement...), without sending or recording anything: read before sending.
     */
    @GET
    @Path("checks")
    @RolesAllowed(Roles.COORDINATOR)
    public ReferralChecks checks(@PathParam("caseId") UUID caseId, @QueryParam("to") @NotNull @CountryCode String to,
            @QueryParam("includePersonalData") @DefaultValue("false") boolean includePersonalData) {
        return referrals.checks(caseId, to, includePersonalData);
    }

    @GET
    @RolesAllowed({Roles.COORDINATOR, Roles.AUDITOR})
    public List<ConversationView> ofCase(@PathParam("caseId") UUID caseId) {
        return views.ofCase(caseId);
    }
}
