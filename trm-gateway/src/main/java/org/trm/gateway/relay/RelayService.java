package org.trm.gateway.relay;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;
import org.trm.gateway.ops.RelayMetrics;
import org.trm.gateway.tls.Caller;
import org.trm.model.envelope.MessageType;
import org.trm.model.envelope.VerifiedEnvelope;

/**
 * Accepting an envelope at either border: check, store durably, then wake the workers. It runs on
 * the event loop: the check is a little CPU, and the store completes when the group commit does.
 */
@ApplicationScoped
public class RelayService {
    private static final Logger LOG = Logger.getLogger(RelayService.class);

    @Inject
    BorderCheck border;

    @Inject
    MessageStore store;

    @Inject
    RelayWorker worker;

    @Inject
    RelayMetrics metrics;

    public CompletionStage<MessageStore.Accepted> accept(Direction direction, Caller caller, String contentType,
            byte[] body) {
        VerifiedEnvelope verified = border.check(direction, caller, contentType, body);
        return store.accept(verified, direction).thenApply(accepted -> {
            if (accepted.created()) {
                // Committed by now: the 202 is durable, and the workers may pick it up at once.
                metrics.accepted(direction);
                LOG.debugf("message %s %s accepted %s -> %s", verified.envelope().messageId(),
                        verified.envelope().type(), verified.envelope().from(), verified.envelope().to());
                worker.wake(direction);
                if (verified.envelope().type() == MessageType.RECEIPT) {
                    metrics.receipted();
                }
            } else {
                LOG.infof("message %s resent with the same content: state %s", verified.envelope().messageId(),
                        accepted.status().state());
            }
            return accepted;
        });
    }

    /** The answer to an accept: 202 when this call stored the envelope, 200 for a resend of it. */
    public static Response respond(MessageStore.Accepted accepted) {
        return Response.status(accepted.created() ? 202 : 200).type(MediaType.APPLICATION_JSON)
                .entity(accepted.status()).build();
    }
}
