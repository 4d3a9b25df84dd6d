package org.trm.nrm.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.trm.nrm.audit.AuditAnchor;
import org.trm.nrm.audit.AuditTrail;
import org.trm.nrm.audit.AuditTrail.Verification;
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

    @GET
    @RolesAllowed(Roles.AUDITOR)
    public Page<AuditEntryView> list(@QueryParam("caseId") UUID caseId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return trail.list(caseId, page, size).map(AuditEntryView::of);
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
