package org.trm.nrm.referral.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.trm.model.crypto.BodyCipher;
import org.trm.model.envelope.Envelope;
import org.trm.model.code.MessageType;
import org.trm.model.envelope.VerifiedEnvelope;
import org.trm.model.json.Json;
import org.trm.model.payload.Payloads;
import org.trm.model.payload.Receipt;
import org.trm.model.payload.ReferralPayload;
import org.trm.model.payload.ReferralResponsePayload;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;
import org.trm.model.status.Direction;
import org.trm.nrm.cases.CaseEventType;
import org.trm.nrm.cases.service.CaseTimeline;
import org.trm.nrm.referral.Conversation;
import org.trm.nrm.referral.ConversationRepository;
import org.trm.nrm.referral.Federation;
import org.trm.nrm.referral.MessageRepository;
import org.trm.nrm.referral.TransnationalMessage;

/**
 * Takes what the gateway delivers: verified, decrypted and applied exactly once, answered with a
 * signed receipt. A delivery that is refused changes nothing.
 */
@ApplicationScoped
public class Inbox {
    private static final Logger LOG = Logger.getLogger(Inbox.class);

    @Inject
    Federation federation;

    @Inject
    ConversationRepository conversations;

    @Inject
    MessageRepository messages;

    @Inject
    CaseTimeline timeline;

    @Inject
    Event<OutboxWork> work;

    /**
     * @return the signed RECEIPT to relay back to the sender, or null when the delivery was itself a
     *     receipt (receipts are not receipted)
     */
    @Transactional
    public String receive(String jws) {
        VerifiedEnvelope verified = federation.verifier().verify(jws);
        Envelope e = verified.envelope();
        if (!e.to().equals(federation.country())) {
            throw new ProtocolException(ProblemType.NOT_SERVED_HERE, "this node serves " + federation.country());
        }
        TransnationalMessage seen = messages.findById(e.messageId());
        if (seen != null) {
            if (!seen.sha256.equals(verified.sha256())) {
                throw new ProtocolException(ProblemType.DUPLICATE_CONFLICT, "message " + e.messageId()
                        + " was received before with other content");
            }
            return seen.receiptJws;
        }
        if (!federation.directory().covers(e.from(), e.to(), e.type(), Instant.now())) {
            throw new ProtocolException(ProblemType.NO_AGREEMENT, "no active agreement covers " + e.type()
                    + " from " + e.from());
        }
        String json = BodyCipher.decrypt(e.body(), federation.encryptionKeys());
        Object payload = Json.read(json, Payloads.of(e.type()));
        Conversation conversation = apply(e, payload, json, jws);

        TransnationalMessage m = new TransnationalMessage();
        m.messageId = e.messageId();
        m.conversationId = conversation.id;
        m.direction = Direction.INBOUND;
        m.type = e.type();
        m.state = TransnationalMessage.State.RECEIVED;
        m.jws = jws;
        m.sha256 = verified.sha256();
        m.summary = Json.write(payload instanceof ReferralPayload r ? ReferralService.withoutPerson(r) : payload);
        m.createdAt = Instant.now();
        m.expiresAt = e.expiresAt();
        if (e.type() != MessageType.RECEIPT) {
            m.receiptJws = receiptFor(e, verified.sha256(), m.createdAt);
            if (conversation.caseId != null) {
                timeline.record(conversation.caseId, CaseEventType.TRANSNATIONAL_RECEIVED,
                        e.type() + " from " + e.from() + " (message " + e.messageId() + ")");
            }
        }
        messages.persist(m);
        LOG.infof("received %s %s from %s in conversation %s", e.type(), e.messageId(), e.from(), e.conversationId());
        return m.receiptJws;
    }

    private Conversation apply(Envelope e, Object payload, String json, String jws) {
        Instant now = Instant.now();
        if (e.type() == MessageType.REFERRAL) {
            if (conversations.findById(e.conversationId()) != null) {
                throw new ProtocolException(ProblemType.DUPLICATE_CONFLICT, "conversation " + e.conversationId()
                        + " exists already");
            }
            Conversation c = new Conversation();
            c.id = e.conversationId();
            c.direction = Direction.INBOUND;
            c.partner = e.from();
            c.status = Conversation.Status.PENDING;
            c.partnerCaseReference = ((ReferralPayload) payload).senderCaseReference();
            c.receivedReferral = json;
            c.createdAt = now;
            c.updatedAt = now;
            conversations.persist(c);
            return c;
        }
        if (e.type() == MessageType.RECEIPT) {
            Conversation c = conversations.findById(e.conversationId());
            if (c == null || !c.partner.equals(e.from())) {
                throw new ProtocolException(ProblemType.UNKNOWN_CONVERSATION, "no conversation " + e.conversationId()
                        + " with " + e.from());
            }
            takeReceipt(e, (Receipt) payload, jws);
            return c;
        }
        // Locked, so that a message arriving while a coordinator writes to the same conversation waits
        // instead of failing on the version check.
        Conversation c = conversations.findById(e.conversationId(), LockModeType.PESSIMISTIC_WRITE);
        if (c == null || !c.partner.equals(e.from())) {
            throw new ProtocolException(ProblemType.UNKNOWN_CONVERSATION, "no conversation " + e.conversationId()
                    + " with " + e.from());
        }
        switch (e.type()) {
            case REFERRAL_RESPONSE -> {
                ReferralResponsePayload answer = (ReferralResponsePayload) payload;
                if (c.direction != Direction.OUTBOUND || c.status != Conversation.Status.PENDING) {
                    throw new ProtocolException(ProblemType.UNKNOWN_CONVERSATION, "no pending referral to answer");
                }
                c.status = answer.accepted() ? Conversation.Status.ACCEPTED : Conversation.Status.DECLINED;
                c.partnerCaseReference = answer.receiverCaseReference();
                c.updatedAt = now;
            }
            case CONSENT_WITHDRAWN -> {
                // The victim withdrew consent at the sender: stop processing and erase what identifies them.
                c.status = Conversation.Status.WITHDRAWN;
                c.consentWithdrawnAt = now;
                c.updatedAt = now;
                if (c.receivedReferral != null) {
                    c.receivedReferral = Json.write(ReferralService.withoutPerson(
                            Json.read(c.receivedReferral, ReferralPayload.class)));
                }
            }
            case CASE_CLOSED -> {
                c.status = Conversation.Status.CLOSED;
                c.updatedAt = now;
            }
            default -> {
                // CASE_UPDATE, INFO_*, RETURN_REQUEST: kept in the thread for the coordinator to act on.
            }
        }
        return c;
    }

    private void takeReceipt(Envelope e, Receipt receipt, String receiptJws) {
        TransnationalMessage original = messages.findById(e.inReplyTo());
        if (original == null || original.direction != Direction.OUTBOUND
                || !original.conversationId.equals(e.conversationId())) {
            throw new ProtocolException(ProblemType.UNKNOWN_CONVERSATION, "the receipt answers no message sent from here");
        }
        if (!original.sha256.equals(receipt.sha256()) || !original.messageId.equals(receipt.messageId())) {
            throw new ProtocolException(ProblemType.MALFORMED, "the receipt is for other content than was sent");
        }
        messages.receipted(original.messageId, receiptJws, receipt.sha256(), receipt.receivedAt());
        work.fire(new OutboxWork());
    }

    private String receiptFor(Envelope e, String sha256, Instant receivedAt) {
        Receipt receipt = new Receipt(Payloads.VERSION, e.messageId(), sha256, receivedAt);
        String body = BodyCipher.encrypt(receipt, federation.encryptionKeyOf(e.from()));
        Envelope envelope = Envelope.create(MessageType.RECEIPT, federation.country(), e.from(), e.conversationId(),
                e.messageId(), receivedAt, federation.config().messageTtl(), body);
        return federation.signer().sign(envelope);
    }
}
