package org.trm.gateway.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;
import org.trm.model.status.MessageStatus;

/**
 * A message's status as its sender, node or operator may see it, read in a transaction of its own.
 * The relay's state changes are not here: they are plain JDBC in {@link MessageRepository}.
 */
@ApplicationScoped
public class MessageStore {

    @Inject
    MessageRepository messages;

    @Transactional
    public Optional<MessageStatus> status(UUID messageId) {
        return messages.findByIdOptional(messageId).map(Message::status);
    }
}
