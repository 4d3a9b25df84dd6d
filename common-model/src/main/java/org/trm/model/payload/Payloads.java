package org.trm.model.payload;

import org.trm.model.code.MessageType;

/** Which payload record a message type carries in its encrypted body. */
public final class Payloads {
    public static final int VERSION = 1;

    private Payloads() {
    }

    public static Class<?> of(MessageType type) {
        return switch (type) {
            case REFERRAL -> ReferralPayload.class;
            case REFERRAL_RESPONSE -> ReferralResponsePayload.class;
            case CASE_UPDATE -> CaseUpdatePayload.class;
            case INFO_REQUEST, INFO_RESPONSE -> InfoPayload.class;
            case RETURN_REQUEST -> ReturnRequestPayload.class;
            case CONSENT_WITHDRAWN -> ConsentWithdrawnPayload.class;
            case CASE_CLOSED -> CaseClosedPayload.class;
            case RECEIPT -> Receipt.class;
            case DELIVERY_FAILURE -> DeliveryFailure.class;
            case RETURN_PRENOTIFICATION -> ReturnPrenotificationPayload.class;
            case RETURN_FOLLOW_UP -> ReturnFollowUpPayload.class;
            case STATS_REQUEST -> StatsRequestPayload.class;
            case STATS_PARTIAL -> StatsPartialPayload.class;
            case STATS_ABORT -> StatsAbortPayload.class;
        };
    }
}
