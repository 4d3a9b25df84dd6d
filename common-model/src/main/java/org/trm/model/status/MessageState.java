package org.trm.model.status;

/**
 * Where a message stands on a gateway: the states its sender can query on the gateway's local
 * endpoint (docs/PROTOCOL.md). RECEIPTED and DEAD are final; DEAD is re-triable by an operator.
 */
public enum MessageState {
    /** Stored durably by this gateway, not yet handed on. */
    ACCEPTED,
    /** Taken by the peer gateway (outbound). */
    FORWARDED,
    /** Taken by the recipient node (inbound), or known delivered by its receipt. */
    DELIVERED,
    /** The recipient node's signed receipt is here. */
    RECEIPTED,
    /** Not delivered by its deadline, or refused for good on the way: a dead letter. */
    DEAD;

    /** No further change happens unless an operator retries a dead letter. */
    public boolean isFinal() {
        return this == RECEIPTED || this == DEAD;
    }
}
