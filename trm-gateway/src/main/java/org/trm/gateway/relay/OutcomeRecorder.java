package org.trm.gateway.relay;

import java.time.Instant;
import java.util.UUID;
import org.trm.gateway.relay.ReceiptCheck.Receipt;
import org.trm.gateway.store.Message;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.code.MessageType;
import org.trm.model.json.Json;
import org.trm.model.retry.Backoff;
import org.trm.model.status.Direction;
import org.trm.model.status.MessageState;

/**
 * The relay's state machine, as a pure function: given a leased message, what its next hop
 * answered, what that answer proved of a receipt and the time, the message's new state, attempts,
 * next attempt and error. No I/O: the {@link OutcomeWriter} stores what it decides.
 * <ul>
 * <li>taken by a peer gateway: FORWARDED; taken by the node: DELIVERED (a receipt or a failure
 * signal, which are not receipted), and with the node's valid receipt RECEIPTED;</li>
 * <li>refused for good by the hop (a 4xx that is not retryable): DEAD at once;</li>
 * <li>any other failure, or a delivery without a valid receipt (the node's inbox is idempotent and
 * answers a redelivery with the receipt it issued): tried again after the back-off, one attempt
 * more;</li>
 * <li>but a failure at or past the message's deadline: DEAD, as the deadline sweep would make it.</li>
 * </ul>
 */
public final class OutcomeRecorder {
    private static final int MAX_ERROR = 300;

    private final Backoff backoff;

    public OutcomeRecorder(Backoff backoff) {
        this.backoff = backoff;
    }

    /** What happened at the hop. */
    public enum Kind {
        FORWARDED, DELIVERED, RECEIPTED, RETRIED, REFUSED, EXPIRED
    }

    /**
     * The new state of a message: {@code nextAttemptAt} is set for a retry only, {@code error} is
     * null on success, {@code receiptMessageId} is the node's receipt when RECEIPTED.
     */
    public record Outcome(Kind kind, MessageState state, int attempts, Instant nextAttemptAt, String error,
            UUID receiptMessageId, Instant at) {

        /** Writes this outcome on the leased message, as {@code MessageRepository.saveOutcomes} stores it. */
        public void applyTo(Message m) {
            m.state = state;
            m.attempts = attempts;
            m.lastError = error;
            if (nextAttemptAt != null) {
                m.nextAttemptAt = nextAttemptAt;
            }
            switch (kind) {
                case FORWARDED -> m.forwardedAt = at;
                case DELIVERED -> m.deliveredAt = at;
                case RECEIPTED -> {
                    m.deliveredAt = at;
                    m.receiptedAt = at;
                    m.receiptMessageId = receiptMessageId;
                }
                case REFUSED, EXPIRED -> m.deadAt = at;
                case RETRIED -> {
                }
            }
        }
    }

    public Outcome record(Message m, HopResponse response, Receipt receipt, Instant now) {
        if (response.success()) {
            if (m.direction == Direction.OUTBOUND) {
                return success(Kind.FORWARDED, MessageState.FORWARDED, m, null, now);
            }
            if (!MessageType.valueOf(m.type).receipted()) {
                return success(Kind.DELIVERED, MessageState.DELIVERED, m, null, now);
            }
            if (receipt instanceof Receipt.Valid valid) {
                return success(Kind.RECEIPTED, MessageState.RECEIPTED, m, valid.messageId(), now);
            }
            if (receipt instanceof Receipt.Refused refused) {
                return failed(m, "the node's receipt was refused: " + refused.problem(), now);
            }
            String why = receipt instanceof Receipt.Missing missing ? missing.why() : "no receipt was checked";
            return failed(m, "delivered without a valid receipt: " + why, now);
        }
        if (response.permanent()) {
            return new Outcome(Kind.REFUSED, MessageState.DEAD, m.attempts, null, describe(response), null, now);
        }
        return failed(m, describe(response), now);
    }

    private static Outcome success(Kind kind, MessageState state, Message m, UUID receipt, Instant now) {
        return new Outcome(kind, state, m.attempts, null, null, receipt, now);
    }

    /** One attempt more: after the back-off, or dead when the deadline has come. */
    private Outcome failed(Message m, String error, Instant now) {
        int attempts = m.attempts + 1;
        Instant next = now.plus(backoff.after(attempts));
        if (m.deadline != null && !now.isBefore(m.deadline)) {
            return new Outcome(Kind.EXPIRED, MessageState.DEAD, attempts, next, error, null, now);
        }
        return new Outcome(Kind.RETRIED, MessageState.ACCEPTED, attempts, next, error, null, now);
    }

    /** The hop's answer for the message's last error: status, and the type and hop of a problem. */
    static String describe(HopResponse r) {
        String text;
        if (r.status() == 0) {
            text = "unreachable: " + r.failure();
        } else {
            text = "HTTP " + r.status();
            if (r.contentType() != null && r.contentType().startsWith(MediaTypes.PROBLEM_JSON) && r.body() != null) {
                text += " " + problemSummary(r.body());
            }
        }
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }

    /** Type and hop of a relayed problem; its detail is left out so that nothing from a peer is echoed. */
    private static String problemSummary(String body) {
        try {
            var problem = Json.MAPPER.readTree(body);
            return problem.path("type").asText("") + " at " + problem.path("hop").asText("?");
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
    }
}
