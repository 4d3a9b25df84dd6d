package org.trm.nrm.referral.rest;

import io.quarkus.vertx.http.runtime.security.annotation.MTLSAuthentication;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.trm.model.envelope.BatchOutcome;
import org.trm.model.envelope.EnvelopeBatch;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.json.Json;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;
import org.trm.nrm.problem.ProblemMappers;
import org.trm.nrm.problem.Refuses;
import org.trm.nrm.referral.service.Inbox;
import org.trm.nrm.security.Roles;

/**
 * Where the country's gateway delivers. Not a user endpoint: no token is looked at, only the TLS
 * client certificate, which must be this country's gateway (the role {@link Roles#FEDERATION_GATEWAY});
 * anyone else is refused as {@code sender-mismatch}. The server requests, not requires, client
 * certificates, because users reach the same port with tokens.
 */
@Path("/federation/v1/inbox")
@MTLSAuthentication
public class InboxResource {
    /** The gateways send at most their relay batch size (64 by default). */
    static final int MAX_BATCH = 256;

    @Inject
    Inbox inbox;

    @Inject
    ProblemMappers problems;

    @POST
    @RolesAllowed(Roles.FEDERATION_GATEWAY)
    @Consumes(MediaTypes.ENVELOPE_JWS)
    @Produces({MediaTypes.ENVELOPE_JWS, MediaTypes.PROBLEM_JSON})
    @Refuses(protocol = {ProblemType.MALFORMED, ProblemType.DISALLOWED_ALGORITHM, ProblemType.UNKNOWN_KEY,
            ProblemType.KEY_NOT_OF_SENDER, ProblemType.BAD_SIGNATURE, ProblemType.EXPIRED,
            ProblemType.DECRYPTION_FAILED, ProblemType.PARTICIPANT_INACTIVE, ProblemType.NOT_SERVED_HERE,
            ProblemType.NO_AGREEMENT, ProblemType.AGREEMENT_EXPIRED, ProblemType.AGREEMENT_NOT_YET_VALID,
            ProblemType.TYPE_NOT_COVERED, ProblemType.DUPLICATE_CONFLICT, ProblemType.UNKNOWN_CONVERSATION})
    public Response deliver(String jws) {
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
    @RolesAllowed(Roles.FEDERATION_GATEWAY)
    @Consumes(MediaTypes.ENVELOPE_BATCH)
    @Produces({MediaType.APPLICATION_JSON, MediaTypes.PROBLEM_JSON})
    @Refuses(protocol = ProblemType.MALFORMED)
    public BatchOutcome deliverBatch(String body, @Context HttpServerRequest request) {
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
}
