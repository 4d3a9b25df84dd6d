package org.trm.nrm.referral.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.trm.model.code.ConsentScope;
import org.trm.model.code.MessageType;
import org.trm.model.problem.ProblemCode;
import org.trm.model.problem.ProblemType;
import org.trm.model.status.Direction;
import org.trm.nrm.audit.AuditAction;
import org.trm.nrm.audit.AuditTrail;
import org.trm.nrm.cases.CaseRepository;
import org.trm.nrm.cases.service.CaseAccess;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.referral.Conversation;
import org.trm.nrm.referral.ConversationRepository;
import org.trm.nrm.referral.MessageRepository;
import org.trm.nrm.referral.TransnationalMessage;
import org.trm.nrm.security.Caller;
import org.trm.nrm.security.Roles;

/** Reads transnational threads. The received referral's personal part is shown to coordinators only, audited. */
@ApplicationScoped
public class ConversationViews {
    @Inject
    ConversationRepository conversations;

    @Inject
    MessageRepository messages;

    @Inject
    CaseRepository cases;

    @Inject
    CaseAccess access;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    @Inject
    ReferralService referrals;

    @Transactional
    public List<ConversationView> ofCase(UUID caseId) {
        access.visible(caseId);
        return conversations.ofCase(caseId).stream().map(this::view).toList();
    }

    @Transactional
    public List<ConversationView> list(Direction direction, Conversation.Status status) {
        // A statistics round's conversations carry no case: they are the round's, not the referrals'.
        StringBuilder query = new StringBuilder("openedBy <> :statistics");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put("statistics", MessageType.STATS_REQUEST);
        if (direction != null) {
            query.append(" and direction = :direction");
            params.put("direction", direction);
        }
        if (status != null) {
            query.append(" and status = :status");
            params.put("status", status);
        }
        return conversations.list(query + " order by createdAt desc", params).stream().map(this::view).toList();
    }

    @Transactional
    public ConversationView one(UUID conversationId) {
        return view(referrals.find(conversationId));
    }

    private ConversationView view(Conversation c) {
        String localReference = c.caseId == null ? null : cases.findByIdOptional(c.caseId).map(f -> f.reference).orElse(null);
        List<TransnationalMessage> rows = messages.ofConversation(c.id);
        // Failure signals are in the thread themselves; each also shows on the message it reports (the last one wins).
        Map<String, JsonNode> failures = new HashMap<>();
        for (TransnationalMessage m : rows) {
            if (m.type == MessageType.DELIVERY_FAILURE && m.summary != null) {
                JsonNode failure = read(m.summary);
                title(failure.path("problem").asText()).ifPresent(t -> ((ObjectNode) failure).put("title", t));
                failures.put(failure.path("messageId").asText(), failure);
            }
        }
        boolean caseRestricted = c.restrictedScope == ConsentScope.SHARE_WITH_COUNTRY;
        List<ConversationView.MessageView> thread = rows.stream()
                .map(m -> view(m, failures.get(m.messageId.toString()), caseRestricted)).toList();
        return new ConversationView(c.id, c.direction.name(), c.partner, c.status.name(), c.caseId, localReference,
                c.partnerCaseReference, c.consentWithdrawnAt != null, c.consentWithdrawnAt,
                caseRestricted ? null : referral(c), thread, c.restrictedAt, c.restrictedScope, c.openedBy,
                c.returnDepartedOn);
    }

    private JsonNode referral(Conversation c) {
        if (c.receivedReferral == null) {
            return null;
        }
        JsonNode referral = read(c.receivedReferral);
        if (referral.has("person")) {
            if (caller.is(Roles.COORDINATOR) && c.restrictedScope == null) {
                audit.record(c.caseId, "received-referral", AuditAction.READ);
            } else {
                ((ObjectNode) referral).remove("person");
            }
        }
        return referral;
    }

    /** A message; what the partner sent under a consent since withdrawn shows without its content. */
    private ConversationView.MessageView view(TransnationalMessage m, JsonNode failure, boolean caseRestricted) {
        boolean hidden = caseRestricted && m.direction == Direction.INBOUND && m.type != MessageType.CONSENT_WITHDRAWN;
        ConversationView.Receipt receipt = m.receiptJws == null ? null
                : new ConversationView.Receipt(m.direction == Direction.OUTBOUND ? m.receiptSha256 : m.sha256,
                        m.direction == Direction.OUTBOUND ? m.receiptReceivedAt : m.createdAt, m.receiptJws);
        return new ConversationView.MessageView(m.messageId, m.direction.name(), m.type.name(), m.state.name(),
                m.createdAt, m.attempts, m.lastError, m.sha256, receipt, m.summary == null || hidden ? null : read(m.summary),
                failure);
    }

    /**
     * The registry's title of a failure signal's problem, which the signal names by its URI only: what a
     * reader is shown for a problem the console has no sentence of its own for.
     */
    private static Optional<String> title(String type) {
        return Stream.<ProblemCode>concat(Arrays.stream(ProblemType.values()), Arrays.stream(ErrorCode.values()))
                .filter(c -> c.type().toString().equals(type)).map(ProblemCode::title).findFirst();
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
