package org.trm.model.code;

/** The kinds of message exchanged between nodes (DESIGN.md section 3). */
public enum MessageType {
    REFERRAL,
    REFERRAL_RESPONSE,
    CASE_UPDATE,
    INFO_REQUEST,
    INFO_RESPONSE,
    RETURN_REQUEST,
    CONSENT_WITHDRAWN,
    CASE_CLOSED,
    RECEIPT
}
