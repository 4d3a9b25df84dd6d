package org.trm.nrm.operations;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.trm.model.status.Direction;
import org.trm.nrm.cases.CaseRepository;
import org.trm.nrm.referral.ConversationRepository;
import org.trm.nrm.referral.MessageRepository;
import org.trm.nrm.referral.TransnationalMessage;

/**
 * A message's way across the hops, for the node's administrators: this node's state of each message of
 * the conversations found by message, conversation or case reference, beside the state the country's
 * gateway holds for it. Headers and states only, never a body or a case's data.
 */
@ApplicationScoped
public class MessageTrace {
    /** Conversations traced at once; a case rarely has more. */
    private static final int MAX_CONVERSATIONS = 20;

    @Inject
    MessageRepository messages;

    @Inject
    ConversationRepository conversations;

    @Inject
    CaseRepository cases;

    @Inject
    GatewayOperations gateway;

    /** One message at both hops this country runs. */
    public record Hop(UUID messageId, UUID conversationId, String type, String direction, String nodeState,
            Instant createdAt, int attempts, String lastError, Instant receiptReceivedAt, String gatewayState,
            Instant gatewayAcceptedAt, Instant gatewayForwardedAt, Instant gatewayDeliveredAt, Instant gatewayReceiptedAt,
            Instant gatewayDeadAt, String gatewayLastError) {
    }

    /** The rows are read in a short transaction of their own; the gateway is asked after it ended. */
    public List<Hop> trace(UUID messageId, UUID conversationId, String caseReference) {
        List<TransnationalMessage> rows = QuarkusTransaction.requiringNew().call(() -> rows(messageId, conversationId, caseReference));
        List<Hop> hops = new ArrayList<>();
        rows.forEach(m -> hops.add(hop(m)));
        return hops;
    }

    private List<TransnationalMessage> rows(UUID messageId, UUID conversationId, String caseReference) {
        Set<UUID> found = new LinkedHashSet<>();
        if (messageId != null) {
            messages.findByIdOptional(messageId).ifPresent(m -> found.add(m.conversationId));
        }
        if (conversationId != null) {
            found.add(conversationId);
        }
        if (caseReference != null && !caseReference.isBlank()) {
            cases.find("reference", caseReference.trim()).firstResultOptional()
                    .ifPresent(c -> conversations.ofCase(c.id).forEach(v -> found.add(v.id)));
        }
        List<TransnationalMessage> rows = new ArrayList<>();
        found.stream().limit(MAX_CONVERSATIONS).forEach(id -> rows.addAll(messages.ofConversation(id)));
        return rows;
    }

    private Hop hop(TransnationalMessage m) {
        JsonNode g = null;
        if (m.direction == Direction.OUTBOUND) {
            GatewayOperations.Answer a = gateway.envelope(m.messageId);
            g = a.status() == 200 ? a.body() : null;
        }
        return new Hop(m.messageId, m.conversationId, String.valueOf(m.type), String.valueOf(m.direction),
                String.valueOf(m.state), m.createdAt, m.attempts, m.lastError, m.receiptReceivedAt,
                text(g, "state"), time(g, "acceptedAt"), time(g, "forwardedAt"), time(g, "deliveredAt"),
                time(g, "receiptedAt"), time(g, "deadAt"), text(g, "lastError"));
    }

    private static String text(JsonNode n, String field) {
        return n == null || n.path(field).isNull() || n.path(field).isMissingNode() ? null : n.path(field).asText();
    }

    private static Instant time(JsonNode n, String field) {
        String t = text(n, field);
        return t == null ? null : Instant.parse(t);
    }
}
