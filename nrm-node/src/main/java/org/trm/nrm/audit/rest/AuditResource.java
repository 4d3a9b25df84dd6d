package org.trm.nrm.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.trm.model.problem.http.InvalidQueryParameter;
import org.trm.nrm.audit.AuditAction;
import org.trm.nrm.audit.AuditAnchor;
import org.trm.nrm.audit.AuditTrail;
import org.trm.nrm.audit.AuditTrail.Verification;
import org.trm.nrm.http.CodeParam;
import org.trm.nrm.http.OutageTolerant;
import org.trm.nrm.http.Page;
import org.trm.nrm.security.Roles;

/** The audit trail of accesses to personal data: who, when, which case; never the data itself. */
@OutageTolerant
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditTrail trail;

    @Inject
    AuditAnchor anchor;

    /**
     * The entries that match every parameter given, in chain order: a case, a user (their user name), a
     * kind of access, and the days from {@code from} to {@code to}, both included (UTC).
     */
    @GET
    @RolesAllowed(Roles.AUDITOR)
    public Page<AuditEntryView> list(@QueryParam("caseId") UUID caseId, @QueryParam("actor") @Size(max = 200) String actor,
            @QueryParam("action") String action, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        AuditTrail.Search search = new AuditTrail.Search(caseId, actor == null || actor.isBlank() ? null : actor.trim(),
                CodeParam.parse("action", action, AuditAction.class),
                day("from", from, 0), day("to", to, 1));
        return trail.list(search, page, size).map(AuditEntryView::of);
    }

    /** The start of a day given as {@code 2026-11-30}, or of the day {@code plusDays} after it. */
    private static Instant day(String name, String value, int plusDays) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim()).plusDays(plusDays).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidQueryParameter("query parameter '" + name + "' must be a date such as 2026-11-30", e);
        }
    }

    /**
     * Recomputes the chain and holds it against the checkpoints the gateway keeps; {@code valid:
     * false} names the first broken entry, {@code anchor.state} says whether it could be compared.
     */
    @GET
    @Path("verify")
    @RolesAllowed(Roles.AUDITOR)
    public Verification verify() {
        return anchor.verify();
    }
}
