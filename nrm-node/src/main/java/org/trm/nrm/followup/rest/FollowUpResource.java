package org.trm.nrm.followup.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.followup.FollowUpReport;
import org.trm.nrm.followup.FollowUpService;
import org.trm.nrm.followup.Period;
import org.trm.nrm.http.OutageTolerant;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.Refuses;
import org.trm.nrm.security.Roles;

/**
 * How an agreement was kept over a period, for the national coordinator who takes it to the
 * agreement's review and the auditor: the node's figures and its gateway's, as JSON, CSV, a
 * printable page, or signed by the node.
 */
@OutageTolerant
@Path("/api/v1/agreements")
public class FollowUpResource {

    @Inject
    FollowUpService service;

    /** The agreements this country is a party to, every revision with where it stands now. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COORDINATOR, Roles.AUDITOR})
    @Refuses(ErrorCode.FEDERATION_DISABLED)
    public List<AgreementView> agreements() {
        return AgreementView.of(service.terms());
    }

    /**
     * The follow-up report of agreement {@code id} from {@code from} to {@code to} (dates, both
     * included, UTC; by default the current year up to today), in {@code format} {@code json},
     * {@code csv}, {@code html} or {@code jws} (the report signed by this node).
     */
    @GET
    @Path("/{id}/follow-up")
    @Produces({MediaType.APPLICATION_JSON, "text/csv", MediaType.TEXT_HTML, MediaTypes.FOLLOW_UP_JWS})
    @RolesAllowed({Roles.COORDINATOR, Roles.AUDITOR})
    @Refuses(ErrorCode.FEDERATION_DISABLED)
    public Response followUp(@PathParam("id") @Size(max = 64) String id, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("format") @DefaultValue("json") ReportFormat format) {
        FollowUpReport report = service.report(id, Period.of(from, to));
        String name = "follow-up-" + report.agreement().replaceAll("[^A-Za-z0-9-]", "_") + "-" + report.country() + "-"
                + report.from() + "-" + report.to();
        Response.ResponseBuilder answer = switch (format) {
            case JSON -> Response.ok(report);
            case CSV -> Response.ok(FollowUpCsv.of(report))
                    .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
            case HTML -> Response.ok(FollowUpPage.of(report, service.sign(report), service.signingKid()))
                    .header("Content-Security-Policy", FollowUpPage.CONTENT_SECURITY_POLICY);
            case JWS -> Response.ok(service.sign(report))
                    .header("Content-Disposition", "attachment; filename=\"" + name + ".jws\"");
        };
        return answer.type(format.mediaType).build();
    }
}
