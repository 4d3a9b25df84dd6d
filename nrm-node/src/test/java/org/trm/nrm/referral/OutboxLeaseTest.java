package org.trm.nrm.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.trm.model.code.MessageType;
import org.trm.model.status.Direction;
import org.trm.nrm.referral.TransnationalMessage.State;

/**
 * The outbox's claim and record statements on the real database: a lease takes due messages in
 * conversation order and keeps them from a second lease, each outcome is a conditional update that
 * never overrides a receipt or a newer lease, and a gateway that answers again makes only the
 * messages waiting out a back-off due. Federation is off here, so no worker leases these rows.
 */
@QuarkusTest
class OutboxLeaseTest {
    private static final Duration LEASE = Duration.ofSeconds(25);

    @Inject
    MessageRepository messages;

    @Test
    void shouldLeaseDueMessagesInConversationOrderAndNotTwice() {
        Instant now = now();
        UUID conversation = conversation();
        UUID first = queued(conversation, now.minusSeconds(3), now.minusSeconds(1));
        UUID second = queued(conversation, now.minusSeconds(2), now.minusSeconds(1));

        List<TransnationalMessage> leased = tx(() -> messages.lease(now, LEASE, 50));
        assertTrue(ids(leased).contains(first));
        assertFalse(ids(leased).contains(second), "an update waits for the message before it in its conversation");
        TransnationalMessage m = find(first);
        assertEquals(1, m.attempts);
        assertEquals(now.plus(LEASE), m.nextAttemptAt);
        assertFalse(ids(tx(() -> messages.lease(now, LEASE, 50))).contains(first), "a leased message is not leased again");

        assertTrue(tx(() -> messages.handedOver(first)));
        assertEquals(State.SENT, find(first).state);
        assertFalse(ids(tx(() -> messages.lease(now, LEASE, 50))).contains(second),
                "still waiting: the referral has not reached the partner's node yet");
    }

    @Test
    void shouldNeverOverrideAReceiptThatCameBackFirst() {
        Instant now = now();
        UUID id = queued(conversation(), now.minusSeconds(1), now.minusSeconds(1));
        tx(() -> messages.lease(now, LEASE, 50));
        assertTrue(tx(() -> messages.receipted(id, "receipt", "hash", now)));

        assertFalse(tx(() -> messages.handedOver(id)));
        assertFalse(tx(() -> messages.backOff(id, 1, now.plusSeconds(30), "gateway unreachable")));
        assertFalse(tx(() -> messages.failQueued(id, "refused")));
        assertEquals(State.RECEIPTED, find(id).state);
    }

    @Test
    void shouldRecordABackOffOnlyForTheLeaseThatMadeTheAttempt() {
        Instant now = now();
        UUID id = queued(conversation(), now.minusSeconds(1), now.minusSeconds(1));
        tx(() -> messages.lease(now, LEASE, 50));
        // The lease ran out and another worker took the message again: the first one's late answer is stale.
        tx(() -> messages.lease(now.plus(LEASE).plusSeconds(1), LEASE, 50));
        assertFalse(tx(() -> messages.backOff(id, 1, now.plusSeconds(30), "gateway unreachable")));
        assertTrue(tx(() -> messages.backOff(id, 2, now.plusSeconds(30), "gateway unreachable")));
        TransnationalMessage m = find(id);
        assertTrue(m.backingOff);
        assertEquals("gateway unreachable", m.lastError);
    }

    @Test
    void shouldMakeOnlyBackedOffMessagesDueWhenTheGatewayAnswersAgain() {
        Instant now = now();
        UUID waiting = queued(conversation(), now.minusSeconds(2), now.minusSeconds(1));
        UUID inFlight = queued(conversation(), now.minusSeconds(2), now.minusSeconds(1));
        tx(() -> messages.lease(now, LEASE, 50));
        tx(() -> messages.backOff(waiting, 1, now.plus(Duration.ofMinutes(1)), "gateway unreachable"));

        // Nothing is due, but one message waits: it is the probe.
        assertEquals(List.of(), ids(tx(() -> messages.lease(now, LEASE, 50))).stream()
                .filter(i -> i.equals(waiting) || i.equals(inFlight)).toList());
        List<TransnationalMessage> probe = tx(() -> messages.leaseProbe(now, LEASE));
        assertEquals(1, probe.size());
        tx(() -> messages.backOff(probe.get(0).messageId, probe.get(0).attempts, now.plus(Duration.ofMinutes(1)), "gateway unreachable"));

        Instant back = now.plusSeconds(1);
        assertTrue(tx(() -> messages.dueNow(back)) >= 1);
        assertEquals(back, find(waiting).nextAttemptAt, "the waiting message is due at once");
        assertEquals(now.plus(LEASE), find(inFlight).nextAttemptAt, "the leased one stays leased");
        assertTrue(ids(tx(() -> messages.lease(back, LEASE, 50))).contains(waiting));
    }

    @Test
    void shouldRenewOnlyLeasesThatStillRun() {
        Instant now = now();
        UUID running = queued(conversation(), now.minusSeconds(1), now.minusSeconds(1));
        UUID waiting = queued(conversation(), now.minusSeconds(1), now.minusSeconds(1));
        UUID lapsed = queued(conversation(), now.minusSeconds(1), now.plusSeconds(5));
        tx(() -> messages.lease(now, LEASE, 50));
        tx(() -> messages.backOff(waiting, 1, now.plus(Duration.ofMinutes(1)), "gateway unreachable"));
        // Leased for a second only, and not renewed in time (a worker frozen): it may be another's now.
        tx(() -> messages.lease(now.plusSeconds(6), Duration.ofSeconds(1), 50));
        Instant later = now.plusSeconds(10);

        assertEquals(1, tx(() -> messages.renewLeases(List.of(running, lapsed, waiting), later, LEASE)));
        assertEquals(later.plus(LEASE), find(running).nextAttemptAt);
        assertEquals(now.plusSeconds(7), find(lapsed).nextAttemptAt, "a lapsed lease is not renewed");
        assertEquals(now.plus(Duration.ofMinutes(1)), find(waiting).nextAttemptAt, "a back-off is no lease");
    }

    private UUID conversation() {
        return tx(() -> {
            Conversation c = new Conversation();
            c.id = UUID.randomUUID();
            c.direction = Direction.OUTBOUND;
            c.partner = "BG";
            c.status = Conversation.Status.PENDING;
            c.createdAt = Instant.now();
            c.updatedAt = c.createdAt;
            c.persist();
            return c.id;
        });
    }

    private UUID queued(UUID conversation, Instant createdAt, Instant due) {
        return tx(() -> {
            TransnationalMessage m = new TransnationalMessage();
            m.messageId = UUID.randomUUID();
            m.conversationId = conversation;
            m.direction = Direction.OUTBOUND;
            m.type = MessageType.CASE_UPDATE;
            m.state = State.QUEUED;
            m.jws = "jws";
            m.sha256 = "0".repeat(64);
            m.createdAt = createdAt;
            m.expiresAt = createdAt.plus(Duration.ofDays(7));
            m.nextAttemptAt = due;
            messages.persist(m);
            return m.messageId;
        });
    }

    private TransnationalMessage find(UUID id) {
        return tx(() -> messages.findById(id));
    }

    private static List<UUID> ids(List<TransnationalMessage> leased) {
        return leased.stream().map(m -> m.messageId).toList();
    }

    /** Microseconds, as PostgreSQL keeps them, so that instants compare equal after a round trip. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static <T> T tx(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(work::get);
    }
}
