package org.trm.gateway.relay;

/** OUTBOUND: from the own node, forwarded to a peer gateway. INBOUND: from a peer, delivered to the own node. */
public enum Direction {
    OUTBOUND,
    INBOUND
}
