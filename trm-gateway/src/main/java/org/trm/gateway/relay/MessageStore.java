package org.trm.gateway.relay;

import org.trm.model.status.MessageStatus;
import org.trm.model.status.MessageState;
import org.trm.model.status.Direction;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.problem.GatewayError;
import org.trm.gateway.problem.GatewayException;
import org.trm.model.envelope.Envelope;
import org.trm.model.envelope.VerifiedEnvelope;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;

/** The durable side of the relay: every state change of a message is one transaction here. */
@ApplicationScoped
public class MessageStore {

    @Inject
    MessageRepository messages;

    @Inject
    GatewayConfig config;

    @Inject
    AcceptCommitter committer;

    /** The outcome of an accept: the message's state and whether this call stored it. */
    public record Accepted(MessageStatus status, boolean created) {
    }

    /**
     * Stores a checked envelope; the commit is what makes the 202 true. Envelopes accepted at the
     * same moment are group-committed: one WAL flush for all. The same id with the same bytes
     * answers with the current state; with other bytes it is a conflict. A receipt also marks the
     * message it answers RECEIPTED, in the same transaction.
     */
    public CompletionStage<Accepted> accept(VerifiedEnvelope verified, Direction direction) {
        Message m = toMessage(verified, direction);
        return committer.insert(m).thenCompose(inserted -> inserted
                ? CompletableFuture.completedFuture(new Accepted(m.status(), true))
                // A resend: looked up on a worker thread, since the caller may be on the event loop.
                : CompletableFuture.supplyAsync(() -> resent(verified), Infrastructure.getDefaultWorkerPool()));
    }

    private Accepted resent(VerifiedEnvelope verified) {
        MessageStatus existing = status(verified.envelope().messageId()).orElseThrow(
                () -> new IllegalStateException("a conflicting message vanished"));
        if (!existing.sha256().equals(verified.sha256())) {
            throw new ProtocolException(ProblemType.DUPLICATE_CONFLICT,
                    "message " + existing.messageId() + " was accepted with other content");
        }
        return new Accepted(existing, false);
    }

    static Message toMessage(VerifiedEnvelope verified, Direction direction) {
        Envelope e = verified.envelope();
        Instant now = Instant.now();
        Message m = new Message();
        m.messageId = e.messageId();
        m.direction = direction;
        m.type = e.type().name();
        m.fromCountry = e.from();
        m.toCountry = e.to();
        m.conversationId = e.conversationId();
        m.inReplyTo = e.inReplyTo();
        m.signingKid = verified.kid();
        m.createdAt = e.createdAt();
        m.expiresAt = e.expiresAt();
        m.sha256 = verified.sha256();
        m.sizeBytes = verified.jws().length();
        m.jws = verified.jws();
        m.state = MessageState.ACCEPTED;
        m.nextAttemptAt = now;
        m.deadline = e.expiresAt();
        m.acceptedAt = now;
        return m;
    }

    @Transactional
    public Optional<MessageStatus> status(UUID messageId) {
        return messages.findByIdOptional(messageId).map(Message::status);
    }

    @Transactional
    public List<MessageStatus> deadLetters(int limit) {
        return messages.deadLetters(limit).stream().map(Message::status).toList();
    }

    /**
     * Gives a dead letter another window of attempts. The envelope's own expiry is signed and
     * cannot change: a peer may still refuse it as expired, which then shows as its last error.
     */
    @Transactional
    public Optional<MessageStatus> retry(UUID messageId) {
        return messages.findByIdOptional(messageId).map(m -> {
            if (m.state != MessageState.DEAD) {
                throw new GatewayException(GatewayError.NOT_DEAD, "message " + messageId + " is " + m.state);
            }
            Instant now = Instant.now();
            m.state = MessageState.ACCEPTED;
            m.attempts = 0;
            m.nextAttemptAt = now;
            m.deadline = now.plus(config.relay().retryWindow());
            m.deadAt = null;
            return m.status();
        });
    }
}
