package org.trm.model.status;

/** Which way a message crosses this country's border: leaving it, or arriving from a partner. */
public enum Direction {
    /** From this country's node, to a partner. */
    OUTBOUND,
    /** From a partner, to this country's node. */
    INBOUND
}
