package org.trm.nrm.referral.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.trm.model.code.ConsentScope;
import org.trm.model.code.MessageType;

/**
 * A transnational thread as a case shows it: messages both ways, their states and receipts. The
 * service's read model, answered by the REST resources as it is. {@code restrictedAt} and
 * {@code restrictedScope}: the partner said the victim withdrew the consent its data came under; that
 * data (the identity data, or the whole case's) is kept but no longer shown. {@code openedBy}: the
 * message that started it, a REFERRAL or a RETURN_PRENOTIFICATION (a return announced ahead, without
 * case data: status NOTIFIED); {@code returnDepartedOn}: the day the person left under a return this
 * node requested in it, once recorded.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationView(UUID conversationId, String direction, String partner, String status,
        UUID localCaseId, String localCaseReference, String partnerCaseReference, boolean consentWithdrawn,
        Instant consentWithdrawnAt, JsonNode referral, List<MessageView> messages, Instant restrictedAt,
        ConsentScope restrictedScope, MessageType openedBy, LocalDate returnDepartedOn) {

    /**
     * One message; {@code receipt} is the partner's proof of receipt (OUTBOUND) or the one this node
     * issued (INBOUND); {@code failure}, the last failure signal about it (hop, problem, detail, time, and
     * the registry's title of the problem where the registry knows it).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MessageView(UUID messageId, String direction, String type, String state, Instant createdAt,
            int attempts, String lastError, String sha256, Receipt receipt, JsonNode summary, JsonNode failure) {
    }

    public record Receipt(String sha256, Instant receivedAt, String jws) {
    }
}
