package org.trm.gateway.monitoring;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.tls.Caller;

/**
 * How this country's agreements are kept. Callers: the country's node ({@code OU=node}) and its
 * operator ({@code OU=operator}); a certificate of another country is refused.
 */
@Path("/local/v1/agreements")
@Produces(MediaType.APPLICATION_JSON)
public class AgreementResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    GatewayConfig config;

    @Inject
    AgreementMonitor monitor;

    @GET
    @RolesAllowed({Caller.NODE, Caller.OPERATOR})
    public List<AgreementReport> agreements() {
        Caller caller = Caller.of(identity);
        caller.require(caller.role(), config.country());
        return monitor.report();
    }
}
