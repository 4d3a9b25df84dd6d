package org.trm.gateway.relay;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.problem.GatewayError;
import org.trm.gateway.problem.GatewayException;
import org.trm.model.envelope.Envelope;
import org.trm.model.envelope.MessageType;
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
     * Stores a checked envelope; the commit is what makes the 202 true. The same id with the same
     * bytes answers with the current state; with other bytes it is a conflict. A receipt also marks
     * the message it answers RECEIPTED, in the same transaction.
     */
    public Accepted accept(VerifiedEnvelope verified, Direction direction) {
        Message m;
        if (verified.envelope().type() == MessageType.RECEIPT) {
            m = QuarkusTransaction.requiringNew().call(() -> {
                Message inserted = insert(verified, direction);
                Envelope e = verified.envelope();
                if (inserted != null) {
                    messages.markReceipted(e.inReplyTo(), e.messageId(), e.to(), e.from(), inserted.acceptedAt);
                }
                return inserted;
            });
        } else {
            // Group-committed with the envelopes accepted at the same moment: one WAL flush for all.
            Message candidate = toMessage(verified, direction);
            m = committer.insert(candidate) ? candidate : null;
        }
        if (m != null) {
            return new Accepted(MessageStatus.of(m), true);
        }
        MessageStatus existing = status(verified.envelope().messageId()).orElseThrow(
                () -> new IllegalStateException("a conflicting message vanished"));
        if (!existing.sha256().equals(verified.sha256())) {
            throw new ProtocolException(ProblemType.DUPLICATE_CONFLICT,
                    "message " + existing.messageId() + " was accepted with other content");
        }
        return new Accepted(existing, false);
    }

    /** Inserts within the caller's transaction; null when the id already exists. */
    Message insert(VerifiedEnvelope verified, Direction direction) {
        Message m = toMessage(verified, direction);
        return messages.insertIfAbsent(m) ? m : null;
    }

    private static Message toMessage(VerifiedEnvelope verified, Direction direction) {
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
        return messages.findByIdOptional(messageId).map(MessageStatus::of);
    }

    @Transactional
    public List<MessageStatus> deadLetters(int limit) {
        return messages.deadLetters(limit).stream().map(MessageStatus::of).toList();
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
            return MessageStatus.of(m);
        });
    }
}
