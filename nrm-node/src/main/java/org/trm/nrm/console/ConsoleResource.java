package org.trm.nrm.console;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.trm.nrm.NrmConfig;
import org.trm.nrm.http.OutageTolerant;

/**
 * Where the console served at /console/ sends its users to log in. Open, since it is read before
 * there is a token; it says only what the realm's own discovery document says publicly.
 */
@OutageTolerant
@Path("/api/v1/console/config")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleResource {
    /** The realm's public client for the console (deploy/keycloak/realm.jq). */
    static final String CLIENT_ID = "nrm-console";

    @Inject
    NrmConfig config;

    /** The issuer the node checks tokens against is the realm the console logs in to. */
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @GET
    @PermitAll
    public ConsoleConfig get() {
        return new ConsoleConfig(config.country(), issuer, CLIENT_ID);
    }

    /** What the console needs before its user logs in. */
    public record ConsoleConfig(String country, String issuer, String clientId) {
    }
}
