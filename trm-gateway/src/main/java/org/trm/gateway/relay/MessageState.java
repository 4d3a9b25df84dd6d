package org.trm.gateway.relay;

/** Where a message stands on this gateway; the states a sender can query (DESIGN.md section 4). */
public enum MessageState {
    ACCEPTED,
    FORWARDED,
    DELIVERED,
    RECEIPTED,
    DEAD
}
