package org.trm.nrm.referral.rest;

import java.util.UUID;
import org.trm.nrm.referral.TransnationalMessage;

/** A message written to the outbox: it leaves once the gateway takes it. */
public record QueuedView(UUID conversationId, UUID messageId, String type, String state) {
    public static QueuedView of(TransnationalMessage m) {
        return new QueuedView(m.conversationId, m.messageId, m.type.name(), m.state.name());
    }
}
