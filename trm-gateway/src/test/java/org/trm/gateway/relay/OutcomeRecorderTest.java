package org.trm.gateway.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.trm.gateway.relay.OutcomeRecorder.Kind;
import org.trm.gateway.relay.OutcomeRecorder.Outcome;
import org.trm.gateway.relay.ReceiptCheck.Receipt;
import org.trm.gateway.store.Message;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.code.MessageType;
import org.trm.model.retry.Backoff;
import org.trm.model.status.Direction;
import org.trm.model.status.MessageState;

/** Every transition of the relay's state machine, without a database, a network or Quarkus. */
class OutcomeRecorderTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5));
    private static final OutcomeRecorder RECORDER = new OutcomeRecorder(BACKOFF);
    private static final HopResponse TAKEN = new HopResponse(202, "application/json", "{}", null);

    private static Message leased(Direction direction, MessageType type, int attempts) {
        Message m = new Message();
        m.messageId = UUID.randomUUID();
        m.direction = direction;
        m.type = type.name();
        m.fromCountry = direction == Direction.OUTBOUND ? "AT" : "BG";
        m.toCountry = direction == Direction.OUTBOUND ? "BG" : "AT";
        m.state = MessageState.ACCEPTED;
        m.attempts = attempts;
        m.deadline = NOW.plus(Duration.ofDays(1));
        return m;
    }

    private static HopResponse problem(int status, String type) {
        return new HopResponse(status, MediaTypes.PROBLEM_JSON,
                "{\"type\":\"" + type + "\",\"status\":" + status + ",\"detail\":\"secret detail\",\"hop\":\"gateway.BG\"}", null);
    }

    private static Outcome recordAndApply(Message m, HopResponse response, Receipt receipt) {
        Outcome outcome = RECORDER.record(m, response, receipt, NOW);
        outcome.applyTo(m);
        return outcome;
    }

    @Test
    void shouldStayAcceptedUntilAHopAnswersWhenNewlyStored() {
        Message m = leased(Direction.OUTBOUND, MessageType.REFERRAL, 0);
        assertEquals(MessageState.ACCEPTED, m.state);
        assertFalse(m.state.isFinal());
        assertEquals(0, m.attempts);
    }

    @Test
    void shouldBeForwardedWhenThePeerGatewayTakesIt() {
        Message m = leased(Direction.OUTBOUND, MessageType.REFERRAL, 2);
        m.lastError = "HTTP 503";
        Outcome o = recordAndApply(m, TAKEN, Receipt.NOT_EXPECTED);
        assertEquals(Kind.FORWARDED, o.kind());
        assertEquals(MessageState.FORWARDED, m.state);
        assertEquals(NOW, m.forwardedAt);
        assertEquals(2, m.attempts);
        assertNull(m.lastError);
        assertNull(m.deadAt);
    }

    @Test
    void shouldBeDeliveredWhenTheNodeTakesAReceipt() {
        Message m = leased(Direction.INBOUND, MessageType.RECEIPT, 0);
        Outcome o = recordAndApply(m, TAKEN, Receipt.NOT_EXPECTED);
        assertEquals(Kind.DELIVERED, o.kind());
        assertEquals(MessageState.DELIVERED, m.state);
        assertEquals(NOW, m.deliveredAt);
        assertNull(m.receiptedAt);
    }

    @Test
    void shouldBeReceiptedWhenTheNodeAnswersWithAValidReceipt() {
        Message m = leased(Direction.INBOUND, MessageType.REFERRAL, 1);
        UUID receiptId = UUID.randomUUID();
        Outcome o = recordAndApply(m, TAKEN, new Receipt.Valid(receiptId, null));
        assertEquals(Kind.RECEIPTED, o.kind());
        assertEquals(MessageState.RECEIPTED, m.state);
        assertTrue(m.state.isFinal());
        assertEquals(NOW, m.deliveredAt);
        assertEquals(NOW, m.receiptedAt);
        assertEquals(receiptId, m.receiptMessageId);
        assertEquals(1, m.attempts);
    }

    @Test
    void shouldDeliverAgainWhenTheNodesAnswerCarriesNoValidReceipt() {
        Message m = leased(Direction.INBOUND, MessageType.REFERRAL, 0);
        recordAndApply(m, TAKEN, new Receipt.Missing("answer is not application/trm-envelope+jws"));
        assertEquals(MessageState.ACCEPTED, m.state);
        assertEquals(1, m.attempts);
        assertEquals("delivered without a valid receipt: answer is not application/trm-envelope+jws", m.lastError);
        assertNull(m.receiptedAt);

        Message refused = leased(Direction.INBOUND, MessageType.REFERRAL, 0);
        recordAndApply(refused, TAKEN, new Receipt.Refused("urn:trm:problem:bad-signature"));
        assertEquals(MessageState.ACCEPTED, refused.state);
        assertEquals("the node's receipt was refused: urn:trm:problem:bad-signature", refused.lastError);
    }

    @Test
    void shouldBeDeadAtOnceWhenTheHopRefusesForGood() {
        Message m = leased(Direction.OUTBOUND, MessageType.REFERRAL, 3);
        Outcome o = recordAndApply(m, problem(403, "urn:trm:problem:no-agreement"), Receipt.NOT_EXPECTED);
        assertEquals(Kind.REFUSED, o.kind());
        assertEquals(MessageState.DEAD, m.state);
        assertEquals(NOW, m.deadAt);
        assertEquals(3, m.attempts);
        // The relayed problem's type and hop, never its detail.
        assertEquals("HTTP 403 urn:trm:problem:no-agreement at gateway.BG", m.lastError);
    }

    @Test
    void shouldRetryWhenTheRefusalNamesARetryableCodeOrStatus() {
        for (HopResponse answer : new HopResponse[] {
                problem(503, "urn:trm:problem:gateway:directory-unavailable"),
                new HopResponse(429, null, null, null),
                new HopResponse(425, null, null, null),
                new HopResponse(408, null, null, null),
                new HopResponse(0, null, null, "ConnectException"),
                new HopResponse(500, "text/plain", "boom", null)}) {
            Message m = leased(Direction.OUTBOUND, MessageType.REFERRAL, 0);
            assertEquals(Kind.RETRIED, RECORDER.record(m, answer, Receipt.NOT_EXPECTED, NOW).kind(), answer.toString());
        }
        Message m = leased(Direction.OUTBOUND, MessageType.REFERRAL, 0);
        assertEquals(Kind.REFUSED, RECORDER.record(m, new HopResponse(404, null, null, null), Receipt.NOT_EXPECTED, NOW).kind());
    }

    @Test
    void shouldBackOffLongerWithEachAttemptWhenRetried() {
        Message m = leased(Direction.OUTBOUND, MessageType.REFERRAL, 0);
        for (int attempt = 1; attempt <= 12; attempt++) {
            Outcome o = recordAndApply(m, new HopResponse(0, null, null, "timeout"), Receipt.NOT_EXPECTED);
            assertEquals(Kind.RETRIED, o.kind());
            assertEquals(MessageState.ACCEPTED, m.state);
            assertEquals(attempt, m.attempts);
            assertEquals("unreachable: timeout", m.lastError);
            long ceiling = BACKOFF.ceiling(attempt);
            long waited = Duration.between(NOW, m.nextAttemptAt).toMillis();
            assertTrue(waited >= ceiling / 2 && waited <= ceiling, attempt + ": " + waited + " of " + ceiling);
        }
        assertEquals(Duration.ofMinutes(5).toMillis(), BACKOFF.ceiling(12));
    }

    @Test
    void shouldBeDeadWhenAnAttemptFailsAtItsDeadline() {
        Message m = leased(Direction.OUTBOUND, MessageType.REFERRAL, 4);
        m.deadline = NOW;
        Outcome o = recordAndApply(m, new HopResponse(502, null, null, null), Receipt.NOT_EXPECTED);
        assertEquals(Kind.EXPIRED, o.kind());
        assertEquals(MessageState.DEAD, m.state);
        assertEquals(NOW, m.deadAt);
        assertEquals(5, m.attempts);
        assertEquals("HTTP 502", m.lastError);

        Message before = leased(Direction.OUTBOUND, MessageType.REFERRAL, 4);
        before.deadline = NOW.plusMillis(1);
        assertEquals(Kind.RETRIED, RECORDER.record(before, new HopResponse(502, null, null, null),
                Receipt.NOT_EXPECTED, NOW).kind());
    }

    @Test
    void shouldEndADeadLetterOnlyWhenAHopTakesItAfterwards() {
        Message m = leased(Direction.OUTBOUND, MessageType.REFERRAL, 1);
        recordAndApply(m, problem(400, "urn:trm:problem:unknown-key"), Receipt.NOT_EXPECTED);
        assertEquals(MessageState.DEAD, m.state);
        assertTrue(m.state.isFinal());
        // Its status shows no next attempt: a dead letter waits for an operator.
        assertNull(m.status().nextAttemptAt());
        assertEquals(MessageState.DEAD, m.status().state());
    }

    @Test
    void shouldKeepTheErrorShortWhenAPeerAnswersAtLength() {
        Message m = leased(Direction.OUTBOUND, MessageType.REFERRAL, 0);
        recordAndApply(m, new HopResponse(0, null, null, "x".repeat(1000)), Receipt.NOT_EXPECTED);
        assertEquals(300, m.lastError.length());
    }
}
