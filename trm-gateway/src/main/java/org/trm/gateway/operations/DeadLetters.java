package org.trm.gateway.operations;

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
import org.trm.gateway.store.Message;
import org.trm.gateway.store.MessageRepository;
import org.trm.model.status.MessageState;
import org.trm.model.status.MessageStatus;

/** Messages that could not be delivered by their deadline, listed and given another window by an operator. */
@ApplicationScoped
public class DeadLetters {

    @Inject
    MessageRepository messages;

    @Inject
    GatewayConfig config;

    @Transactional
    public List<MessageStatus> list(int limit) {
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
