package org.trm.gateway.operations;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.relay.HopClient;
import org.trm.gateway.security.CertificateRoles;
import org.trm.gateway.security.Roles;

/**
 * A peer gateway's ping: the answer names this country and the caller's, as each side's certificate
 * says, so that an operator sees the mTLS path between the two work without sending a message.
 */
@Path(HopClient.PING_PATH)
public class PingResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    GatewayConfig config;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PEER_GATEWAY)
    public Pong pong() {
        return new Pong(config.country(), CertificateRoles.caller(identity).country(), Instant.now());
    }

    /** Who answered, whom its certificate check found calling, and when. */
    public record Pong(String country, String caller, Instant at) {
    }
}
