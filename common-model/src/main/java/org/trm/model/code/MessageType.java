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
    DELIVERY_FAILURE;

    /** Whether the recipient answers this type with a RECEIPT: receipts and failure signals are not receipted. */
    public boolean receipted() {
        return this != RECEIPT && this != DELIVERY_FAILURE;
    }
}
