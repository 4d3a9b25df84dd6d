package org.trm.gateway.intake;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.border.BorderCheck;
import org.trm.gateway.metrics.RelayMetrics;
import org.trm.gateway.problem.Problems;
import org.trm.gateway.store.Message;
import org.trm.gateway.store.MessageStore;
import org.trm.model.envelope.BatchOutcome;
import org.trm.model.envelope.EnvelopeBatch;
import org.trm.model.code.MessageType;
import org.trm.model.envelope.VerifiedEnvelope;
import org.trm.model.identity.CertificateIdentity;
import org.trm.model.json.Json;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;
import org.trm.model.status.Direction;
import org.trm.model.status.MessageStatus;

/**
 * Accepting envelopes at either border, alone or in batches: check, then store durably, which also
 * hands them to the relay. It runs on the event loop: the check is a little CPU, and the store
 * completes when the group commit does.
 */
@ApplicationScoped
public class IntakeService {
    private static final Logger LOG = Logger.getLogger(IntakeService.class);

    @Inject
    BorderCheck border;

    @Inject
    AcceptCommitter committer;

    @Inject
    MessageStore store;

    @Inject
    RelayMetrics metrics;

    @Inject
    Problems problems;

    @Inject
    GatewayConfig config;

    @Inject
    SignalCheck signals;

    /** The outcome of an accept: the message's state and whether this call stored it. */
    public record Accepted(MessageStatus status, boolean created) {
    }

    public CompletionStage<Accepted> accept(Direction direction, CertificateIdentity caller, String contentType,
            byte[] body) {
        return store(direction, border.admit(direction, caller, contentType, body));
    }

    /**
     * Accepts each envelope of a batch as if it came alone, all at once (so that they share group
     * commits); a refusal of one leaves the others unaffected. Completes when every member has its
     * answer.
     */
    public CompletionStage<BatchOutcome> acceptBatch(Direction direction, CertificateIdentity caller, byte[] body,
            String instance) {
        EnvelopeBatch batch = Json.read(new String(body, StandardCharsets.UTF_8), EnvelopeBatch.class);
        if (batch.envelopes().size() > config.maxBatchEnvelopes()) {
            throw new ProtocolException(ProblemType.TOO_LARGE, batch.envelopes().size()
                    + " envelopes exceed the batch limit of " + config.maxBatchEnvelopes());
        }
        List<CompletableFuture<BatchOutcome.Result>> results = new ArrayList<>(batch.envelopes().size());
        for (String jws : batch.envelopes()) {
            CompletionStage<Accepted> accepted;
            try {
                accepted = store(direction, border.admit(direction, caller, jws));
            } catch (RuntimeException e) {
                accepted = CompletableFuture.failedFuture(e);
            }
            results.add(accepted.handle((a, failure) -> failure == null
                    ? BatchOutcome.Result.stored(a.created() ? 202 : 200, a.status().messageId(), a.status().state().name())
                    : BatchOutcome.Result.refused(problems.of(failure, instance))).toCompletableFuture());
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(done -> new BatchOutcome(results.stream().map(CompletableFuture::join).toList()));
    }

    public Optional<MessageStatus> status(UUID messageId) {
        return store.status(messageId);
    }

    /** The answer to an accept: 202 when this call stored the envelope, 200 for a resend of it. */
    public static Response respond(Accepted accepted) {
        return Response.status(accepted.created() ? 202 : 200).type(MediaType.APPLICATION_JSON)
                .entity(accepted.status()).build();
    }

    private CompletionStage<Accepted> store(Direction direction, BorderCheck.Admitted admitted) {
        VerifiedEnvelope verified = admitted.verified();
        return prepare(admitted, direction).thenCompose(m -> insert(m, verified)).thenApply(accepted -> {
            if (accepted.created()) {
                // Committed by now: the 202 is durable, and the relay has it (AcceptCommitter).
                metrics.accepted(direction);
                LOG.debugf("message %s %s accepted %s -> %s", verified.envelope().messageId(),
                        verified.envelope().type(), verified.envelope().from(), verified.envelope().to());
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

    /**
     * The message to store. A peer's failure signal is first checked against the message it reports
     * on (a read, on a worker thread, since the caller may be on the event loop), and carries its
     * payload to the store, which ends that message.
     */
    private CompletionStage<Message> prepare(BorderCheck.Admitted admitted, Direction direction) {
        VerifiedEnvelope verified = admitted.verified();
        if (verified.envelope().type() != MessageType.DELIVERY_FAILURE) {
            return CompletableFuture.completedFuture(
                    Message.accepted(verified, direction, Instant.now()).under(admitted.agreement()));
        }
        return CompletableFuture.supplyAsync(() -> {
            Message m = Message.accepted(verified, direction, Instant.now()).under(admitted.agreement());
            m.reported = signals.check(verified);
            return m;
        }, Infrastructure.getDefaultWorkerPool());
    }

    /**
     * Stores a checked envelope; the commit is what makes the 202 true. Envelopes accepted at the
     * same moment are group-committed: one WAL flush for all. The same id with the same bytes
     * answers with the current state; with other bytes it is a conflict. A receipt also marks the
     * message it answers RECEIPTED, a failure signal the message it reports DEAD, in the same
     * transaction.
     */
    private CompletionStage<Accepted> insert(Message m, VerifiedEnvelope verified) {
        return committer.insert(m).thenCompose(inserted -> inserted
                ? CompletableFuture.completedFuture(new Accepted(m.status(), true))
                // A resend: looked up on a worker thread, since the caller may be on the event loop.
                : CompletableFuture.supplyAsync(() -> resent(verified), Infrastructure.getDefaultWorkerPool()));
    }

    private Accepted resent(VerifiedEnvelope verified) {
        MessageStatus existing = store.status(verified.envelope().messageId()).orElseThrow(
                () -> new IllegalStateException("a conflicting message vanished"));
        if (!existing.sha256().equals(verified.sha256())) {
            throw new ProtocolException(ProblemType.DUPLICATE_CONFLICT,
                    "message " + existing.messageId() + " was accepted with other content");
        }
        return new Accepted(existing, false);
    }
}
