package org.trm.nrm.referral.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;
import org.trm.nrm.referral.Federation;
import org.trm.nrm.referral.service.Inbox;

/**
 * Where the country's gateway delivers. Not a user endpoint: no token, but the TLS client
 * certificate must be this country's gateway ({@code OU=gateway}, {@code C=} the node's country),
 * checked here because Quarkus only requests, not requires, client certificates on this server.
 */
@Path("/federation/v1/inbox")
public class InboxResource {
    @Inject
    Inbox inbox;

    @Inject
    Federation federation;

    @POST
    @PermitAll
    @Consumes(MediaTypes.ENVELOPE_JWS)
    @Produces({MediaTypes.ENVELOPE_JWS, MediaTypes.PROBLEM_JSON})
    public Response deliver(String jws, @Context HttpServerRequest request) {
        requireOwnGateway(request);
        String receipt = inbox.receive(jws.strip());
        return receipt == null ? Response.noContent().build()
                : Response.ok(receipt, MediaTypes.ENVELOPE_JWS).build();
    }

    private void requireOwnGateway(HttpServerRequest request) {
        if (request.sslSession() == null) {
            throw new ProtocolException(ProblemType.SENDER_MISMATCH, "deliveries come over mutual TLS only");
        }
        try {
            Certificate[] chain = request.sslSession().getPeerCertificates();
            LdapName subject = new LdapName(((X509Certificate) chain[0]).getSubjectX500Principal().getName());
            String ou = null;
            String c = null;
            for (Rdn rdn : subject.getRdns()) {
                if (rdn.getType().equalsIgnoreCase("OU")) {
                    ou = rdn.getValue().toString();
                } else if (rdn.getType().equalsIgnoreCase("C")) {
                    c = rdn.getValue().toString();
                }
            }
            if (!"gateway".equals(ou) || !federation.country().equals(c)) {
                throw new ProtocolException(ProblemType.SENDER_MISMATCH, "only this country's gateway delivers here");
            }
        } catch (SSLPeerUnverifiedException | InvalidNameException e) {
            throw new ProtocolException(ProblemType.SENDER_MISMATCH, "a gateway client certificate is required");
        }
    }
}
