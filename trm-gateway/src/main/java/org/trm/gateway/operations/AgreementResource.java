package org.trm.gateway.operations;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.problem.GatewayError;
import org.trm.gateway.problem.GatewayException;
import org.trm.gateway.security.Roles;
import org.trm.model.followup.TransportFigures;
import org.trm.model.problem.http.InvalidQueryParameter;

/**
 * How this country's agreements are kept, and what each agreed in each of its revisions. Callers: {@link Roles#OWN_NODE} and
 * {@link Roles#OWN_OPERATOR}; a certificate of another country has neither role.
 */
@Path("/local/v1/agreements")
@Produces(MediaType.APPLICATION_JSON)
public class AgreementResource {

    @Inject
    AgreementMonitor monitor;

    @Inject
    AgreementHistory history;

    @Inject
    AgreementTransport transport;

    @Inject
    GatewayConfig config;

    @GET
    @RolesAllowed({Roles.OWN_NODE, Roles.OWN_OPERATOR})
    public List<AgreementReport> agreements() {
        return monitor.report();
    }

    /** Every revision of one agreement, the replaced ones included: what was agreed when. */
    @GET
    @Path("/{id}/revisions")
    @RolesAllowed({Roles.OWN_NODE, Roles.OWN_OPERATOR})
    public List<AgreementRevisionView> revisions(@PathParam("id") String id) {
        return history.revisions(id)
                .orElseThrow(() -> new GatewayException(GatewayError.NOT_FOUND, "no such agreement in the directory"));
    }

    /**
     * What this gateway carried under one agreement in {@code [from, to)} (RFC 3339 instants; by
     * default the monitoring window up to now): envelopes by revision, leg, type and state. The
     * node's follow-up report takes its transport figures from here.
     */
    @GET
    @Path("/{id}/transport")
    @RolesAllowed({Roles.OWN_NODE, Roles.OWN_OPERATOR})
    public TransportFigures transport(@PathParam("id") String id, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        Instant now = Instant.now();
        Instant until = instant("to", to, now);
        Instant since = instant("from", from, until.minus(config.monitoring().window()));
        if (!since.isBefore(until)) {
            throw new InvalidQueryParameter("query parameter 'from' must be before 'to'", null);
        }
        return transport.figures(id, since, until)
                .orElseThrow(() -> new GatewayException(GatewayError.NOT_FOUND, "no such agreement in the directory"));
    }

    private static Instant instant(String name, String value, Instant absent) {
        if (value == null) {
            return absent;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidQueryParameter("query parameter '" + name + "' must be an RFC 3339 instant in UTC", e);
        }
    }
}
