package org.trm.nrm.referral.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.trm.model.envelope.BatchOutcome;
import org.trm.model.envelope.EnvelopeBatch;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.json.Json;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;
import org.trm.nrm.problem.ProblemMappers;
import org.trm.nrm.referral.Federation;
import org.trm.nrm.referral.service.Inbox;

/**
 * Where the country's gateway delivers. Not a user endpoint: no token, but the TLS client
 * certificate must be this country's gateway ({@code OU=gateway}, {@code C=} the node's country),
 * checked here because Quarkus only requests, not requires, client certificates on this server.
 */
@Path("/federation/v1/inbox")
public class InboxResource {
    /** The gateways send at most their relay batch size (64 by default). */
    static final int MAX_BATCH = 256;

    @Inject
    Inbox inbox;

    @Inject
    Federation federation;

    @Inject
    ProblemMappers problems;

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

    /**
     * A batch of deliveries: each envelope taken as if it came alone, in its own transaction, and
     * answered in order with its receipt or its refusal; a refusal leaves the others unaffected. A
     * failure that is not a refusal (the database, say) fails the whole request, and the gateway
     * delivers again: what was taken before it answers a redelivery with the same receipt.
     */
    @POST
    @PermitAll
    @Consumes(MediaTypes.ENVELOPE_BATCH)
    @Produces({MediaType.APPLICATION_JSON, MediaTypes.PROBLEM_JSON})
    public BatchOutcome deliverBatch(String body, @Context HttpServerRequest request) {
        requireOwnGateway(request);
        EnvelopeBatch batch = Json.read(body, EnvelopeBatch.class);
        if (batch.envelopes().size() > MAX_BATCH) {
            throw new ProtocolException(ProblemType.TOO_LARGE, batch.envelopes().size()
                    + " envelopes exceed the batch limit of " + MAX_BATCH);
        }
        List<BatchOutcome.Result> results = new ArrayList<>(batch.envelopes().size());
        for (String member : batch.envelopes()) {
            String jws = member.strip();
            try {
                String receipt = inbox.receive(jws);
                results.add(BatchOutcome.Result.delivered(EnvelopeVerifier.peek(jws).messageId(), receipt));
            } catch (ProtocolException e) {
                results.add(BatchOutcome.Result.refused(problems.refusal(e, request.path())));
            }
        }
        return new BatchOutcome(results);
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
