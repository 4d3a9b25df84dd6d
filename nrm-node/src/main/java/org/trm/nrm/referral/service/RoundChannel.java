package org.trm.nrm.referral.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.trm.model.code.MessageType;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;
import org.trm.model.status.Direction;
import org.trm.nrm.referral.Conversation;
import org.trm.nrm.referral.ConversationRepository;
import org.trm.nrm.referral.Federation;

/**
 * The messages of every statistics round between two nodes travel in one conversation of their own,
 * whose id both derive from the pair, so that neither has to be told it: the outbox, receipts and
 * failure signals then work for them as for any message, and the conversation's order puts a
 * round's abort before the next round's request (a participant learns that a round failed before it
 * is asked for the next, which its overlap rule needs). Such a conversation has no case, is CLOSED
 * (nothing can be sent in it through the referral API) and is never listed with the referrals.
 */
@ApplicationScoped
public class RoundChannel {
    @Inject
    Federation federation;

    @Inject
    ConversationRepository conversations;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    public static UUID conversationId(String a, String b) {
        String pair = a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
        return UUID.nameUUIDFromBytes(("trm-statistics|" + pair).getBytes(StandardCharsets.US_ASCII));
    }

    /** Queues {@code payload} to {@code to}, shown in the thread as {@code summary}, expiring at {@code expiresAt} (null: as usual). */
    public void send(String to, MessageType type, Object payload, Object summary, Instant expiresAt) {
        outbox.queue(conversation(to, Direction.OUTBOUND), type, payload, summary, expiresAt);
    }

    /**
     * The conversation a statistics message from {@code from} arrived in; refused when its id is not
     * the pair's, as a message in a conversation this node never joined is.
     */
    public Conversation received(UUID conversationId, String from) {
        if (!conversationId.equals(conversationId(from, federation.country()))) {
            throw new ProtocolException(ProblemType.UNKNOWN_CONVERSATION, "the message is not in the pair's statistics conversation");
        }
        return conversation(from, Direction.INBOUND);
    }

    private Conversation conversation(String partner, Direction direction) {
        UUID id = conversationId(partner, federation.country());
        Instant now = Instant.now();
        // Both sides of a pair may open it at once (each asks the other for a round at the same time).
        em.createNativeQuery("""
                INSERT INTO conversation (id, direction, partner, status, opened_by, created_at, updated_at, version)
                VALUES (?1, ?2, ?3, 'CLOSED', ?4, ?5, ?5, 0) ON CONFLICT (id) DO NOTHING""")
                .setParameter(1, id).setParameter(2, direction.name()).setParameter(3, partner)
                .setParameter(4, MessageType.STATS_REQUEST.name()).setParameter(5, now).executeUpdate();
        Conversation c = conversations.findById(id);
        if (c == null || !c.partner.equals(partner) || c.openedBy != MessageType.STATS_REQUEST) {
            throw new ProtocolException(ProblemType.UNKNOWN_CONVERSATION, "the round's conversation is another's");
        }
        return c;
    }
}
