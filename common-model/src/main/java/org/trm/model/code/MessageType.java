package org.trm.model.code;

/**
 * The kinds of message exchanged between nodes (DESIGN.md section 3), and the one a gateway sends:
 * DELIVERY_FAILURE, the signal that a message died on its way (docs/PROTOCOL.md section 7.2).
 */
public enum MessageType {
    REFERRAL,
    REFERRAL_RESPONSE,
    CASE_UPDATE,
    INFO_REQUEST,
    INFO_RESPONSE,
    RETURN_REQUEST,
    CONSENT_WITHDRAWN,
    CASE_CLOSED,
    RECEIPT,
    DELIVERY_FAILURE,
    /**
     * Safe return: the country of return is told ahead of a return, without any personal data (how
     * many, when, which support), before the case itself is shared; it opens a conversation of its own.
     */
    RETURN_PRENOTIFICATION,
    /** Safe return: the country of return reports on a returned person after the return, when due. */
    RETURN_FOLLOW_UP,
    /**
     * Federation statistics (docs/PROTOCOL.md section 17): the requester asks every participant of a
     * round for its part of the federation's figures.
     */
    STATS_REQUEST,
    /** Federation statistics: a participant's partial sum (its counts masked with the seeds it shares with the others), to the requester. */
    STATS_PARTIAL,
    /** Federation statistics: the round is called off (requester to participants) or refused (participant to requester). */
    STATS_ABORT;

    /** Whether the recipient answers this type with a RECEIPT: receipts and failure signals are not receipted. */
    public boolean receipted() {
        return this != RECEIPT && this != DELIVERY_FAILURE;
    }

    /** Whether this type belongs to a federation statistics round rather than to a case. */
    public boolean statistics() {
        return this == STATS_REQUEST || this == STATS_PARTIAL || this == STATS_ABORT;
    }

    /** Whether this type starts a conversation (a new conversationId) rather than joining one. */
    public boolean opensConversation() {
        return this == REFERRAL || this == RETURN_PRENOTIFICATION;
    }
}
