package org.trm.nrm.referral.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.trm.model.crypto.BodyCipher;
import org.trm.model.crypto.Digests;
import org.trm.model.directory.Coverage;
import org.trm.model.envelope.Envelope;
import org.trm.model.code.MessageType;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.envelope.VerifiedEnvelope;
import org.trm.model.json.Json;
import org.trm.model.payload.DeliveryFailure;
import org.trm.model.payload.Payloads;
import org.trm.model.payload.Receipt;
import org.trm.model.payload.ReferralPayload;
import org.trm.model.code.ConsentScope;
import org.trm.model.payload.ConsentWithdrawnPayload;
import org.trm.model.payload.ReferralResponsePayload;
import org.trm.model.payload.ReturnPrenotificationPayload;
import org.trm.model.payload.StatsAbortPayload;
import org.trm.model.payload.StatsPartialPayload;
import org.trm.model.payload.StatsRequestPayload;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;
import org.trm.model.status.Direction;
import org.trm.nrm.audit.AuditAction;
import org.trm.nrm.audit.AuditTrail;
import org.trm.nrm.cases.CaseEventType;
import org.trm.nrm.cases.service.CaseTimeline;
import org.trm.nrm.referral.Conversation;
import org.trm.nrm.referral.ConversationRepository;
import org.trm.nrm.referral.Federation;
import org.trm.nrm.referral.MessageRepository;
import org.trm.nrm.referral.TransnationalMessage;

/**
 * Takes what the gateway delivers: verified, decrypted and applied exactly once, answered with a
 * signed receipt (but receipts and failure signals are not receipted). A delivery that is refused
 * changes nothing. Personal data that arrives is an audit entry, in the transaction that stores it.
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

    @Inject
    AuditTrail audit;

    @Inject
    RoundChannel rounds;

    @Inject
    Event<MessageReceived> received;

    /**
     * @return the signed RECEIPT to relay back to the sender, or null when the delivery was itself a
     *     receipt or a failure signal (neither is receipted)
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
        if (e.type().opensConversation() && conversations.findById(e.conversationId()) != null) {
            // The same referral delivered twice at once (a gateway's retry while its first delivery
            // still ran): the first committed its conversation and message after this one looked for
            // the message. Read again, so that the resend gets the receipt, not a conflict.
            TransnationalMessage taken = messages.findById(e.messageId());
            if (taken != null && taken.sha256.equals(verified.sha256())) {
                return taken.receiptJws;
            }
        }
        Coverage coverage = federation.directory().coverage(e.from(), e.to(), e.type(), Instant.now());
        if (coverage instanceof Coverage.Refused refused) {
            throw new ProtocolException(refused.problem(), refused.detail());
        }
        // A failure signal's body is its payload in clear (a gateway signs it, and cannot encrypt to keys it lacks).
        String json = e.type() == MessageType.DELIVERY_FAILURE ? Json.write(DeliveryFailure.fromBody(e.body()))
                : BodyCipher.decrypt(e.body(), federation.encryptionKeys());
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
        m.summary = Json.write(summaryOf(payload));
        m.createdAt = Instant.now();
        m.expiresAt = e.expiresAt();
        m.travelsUnder(((Coverage.Covered) coverage).agreement());
        if (e.type().receipted()) {
            m.receiptJws = receiptFor(e, verified.sha256(), m.createdAt);
            m.receiptMessageId = EnvelopeVerifier.peek(m.receiptJws).messageId();
            if (conversation.caseId != null) {
                timeline.record(conversation.caseId, CaseEventType.TRANSNATIONAL_RECEIVED,
                        e.type() + " from " + e.from() + " (message " + e.messageId() + ")");
            }
        }
        messages.persist(m);
        received.fire(new MessageReceived(conversation.id, conversation.caseId, e.type(), e.messageId(), e.from(), payload,
                m.createdAt));
        if (payload instanceof ReferralPayload r && r.person() != null) {
            audit.record(conversation.caseId, "received-referral", AuditAction.RECEIVE);
        }
        LOG.infof("received %s %s from %s in conversation %s", e.type(), e.messageId(), e.from(), e.conversationId());
        return m.receiptJws;
    }

    private Conversation apply(Envelope e, Object payload, String json, String jws) {
        Instant now = Instant.now();
        if (e.type().opensConversation()) {
            if (conversations.findById(e.conversationId()) != null) {
                throw new ProtocolException(ProblemType.DUPLICATE_CONFLICT, "conversation " + e.conversationId()
                        + " exists already");
            }
            Conversation c = new Conversation();
            c.id = e.conversationId();
            c.direction = Direction.INBOUND;
            c.partner = e.from();
            c.openedBy = e.type();
            if (payload instanceof ReturnPrenotificationPayload notice) {
                // A return announced ahead: no case data and nothing to accept, kept for the coordinator to prepare.
                c.status = Conversation.Status.NOTIFIED;
                c.partnerCaseReference = notice.reference();
            } else {
                c.status = Conversation.Status.PENDING;
                c.partnerCaseReference = ((ReferralPayload) payload).senderCaseReference();
                c.receivedReferral = json;
            }
            c.createdAt = now;
            c.updatedAt = now;
            conversations.persist(c);
            return c;
        }
        if (e.type().statistics()) {
            return rounds.received(e.conversationId(), e.from());
        }
        if (e.type() == MessageType.DELIVERY_FAILURE) {
            // From this country's own gateway (it gave up on a message of this node) or from the
            // partner's (a hop there did): nobody else has seen the message to report on it.
            Conversation c = conversations.findById(e.conversationId());
            if (c == null || !(c.partner.equals(e.from()) || federation.country().equals(e.from()))) {
                throw new ProtocolException(ProblemType.UNKNOWN_CONVERSATION, "no conversation " + e.conversationId()
                        + " with " + e.from());
            }
            takeFailure(e, (DeliveryFailure) payload, c);
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
                c.answered(answer.accepted(), now);
                c.partnerCaseReference = answer.receiverCaseReference();
                c.updatedAt = now;
            }
            case CONSENT_WITHDRAWN -> withdrawn(c, (ConsentWithdrawnPayload) payload, now);
            case CASE_CLOSED -> {
                c.status = Conversation.Status.CLOSED;
                c.updatedAt = now;
            }
            default -> {
                // CASE_UPDATE, INFO_*, RETURN_REQUEST, RETURN_FOLLOW_UP: kept in the thread for the coordinator
                // to act on (a follow-up also answers what the sender of the return awaits: MessageReceived).
            }
        }
        return c;
    }

    /**
     * The victim withdrew, at the sender, the consent data came under: a case consent stops the
     * conversation; ERASE removes the identity data received, RESTRICT keeps it for the record, no
     * longer shown. The linked case's timeline says so.
     */
    private void withdrawn(Conversation c, ConsentWithdrawnPayload withdrawal, Instant now) {
        if (!withdrawal.identityOnly()) {
            c.status = Conversation.Status.WITHDRAWN;
            c.consentWithdrawnAt = now;
        }
        c.updatedAt = now;
        if ("ERASE".equals(withdrawal.instruction()) && c.receivedReferral != null) {
            c.receivedReferral = Json.write(Json.read(c.receivedReferral, ReferralPayload.class).withoutPerson());
        } else if (c.restrictedScope != ConsentScope.SHARE_WITH_COUNTRY) {
            // A case restriction covers the identity data too, so it is never narrowed again.
            c.restrictedAt = now;
            c.restrictedScope = withdrawal.identityOnly() ? ConsentScope.SHARE_IDENTITY_WITH_COUNTRY
                    : ConsentScope.SHARE_WITH_COUNTRY;
        }
        if (c.caseId != null) {
            timeline.record(c.caseId, CaseEventType.PARTNER_CONSENT_WITHDRAWN, "the victim withdrew at " + c.partner
                    + " the consent to share " + (withdrawal.identityOnly() ? "identity data" : "the case") + ": what "
                    + c.partner + " sent under it is " + ("ERASE".equals(withdrawal.instruction()) ? "erased" : "restricted"));
        }
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

    /**
     * A message of this node died on its way: the message itself (FAILED with the signal's reason,
     * unless its receipt came first), or a receipt this node issued (the received message notes it).
     * Either must be what the signal names by id and hash.
     */
    private void takeFailure(Envelope e, DeliveryFailure failure, Conversation c) {
        if (!failure.messageId().equals(e.inReplyTo())) {
            throw new ProtocolException(ProblemType.MALFORMED, "the signal's payload names another message than inReplyTo");
        }
        TransnationalMessage original = messages.findById(failure.messageId());
        if (original != null && original.direction == Direction.OUTBOUND && original.conversationId.equals(c.id)) {
            requireHash(original.sha256, failure);
            boolean changed = messages.failed(original.messageId, failure.reason());
            if (c.caseId != null) {
                timeline.record(c.caseId, CaseEventType.TRANSNATIONAL_FAILED, original.type + " to " + c.partner
                        + " (message " + original.messageId + ") " + failure.reason());
            }
            LOG.warnf("message %s %s: %s", original.messageId, changed ? "failed" : "was receipted before its failure signal",
                    failure.reason());
            // A failed message no longer holds back the next one of its conversation.
            work.fire(new OutboxWork());
            return;
        }
        TransnationalMessage received = messages.byReceipt(failure.messageId())
                .filter(r -> r.conversationId.equals(c.id))
                .orElseThrow(() -> new ProtocolException(ProblemType.UNKNOWN_CONVERSATION,
                        "the signal answers no message sent from here"));
        requireHash(Digests.sha256Hex(received.receiptJws), failure);
        received.lastError = "its receipt " + failure.reason();
        if (c.caseId != null) {
            timeline.record(c.caseId, CaseEventType.TRANSNATIONAL_FAILED, "receipt for " + received.type + " from "
                    + c.partner + " (message " + received.messageId + ") " + failure.reason());
        }
        LOG.warnf("receipt %s for message %s: %s", failure.messageId(), received.messageId, failure.reason());
    }

    /**
     * The payload as the thread keeps it: without the person of a referral, without a partial sum's vector.
     */
    private static Object summaryOf(Object payload) {
        if (payload instanceof ReferralPayload r) {
            return r.withoutPerson();
        }
        if (payload instanceof StatsPartialPayload p) {
            return java.util.Map.of("v", p.v(), "round", p.round(), "cells", p.cells());
        }
        return payload;
    }

    private static void requireHash(String sent, DeliveryFailure failure) {
        if (!sent.equals(failure.sha256())) {
            throw new ProtocolException(ProblemType.MALFORMED, "the signal is for other content than was sent");
        }
    }

    private String receiptFor(Envelope e, String sha256, Instant receivedAt) {
        Receipt receipt = new Receipt(Payloads.VERSION, e.messageId(), sha256, receivedAt);
        String body = BodyCipher.encrypt(receipt, federation.encryptionKeyOf(e.from()));
        Envelope envelope = Envelope.create(MessageType.RECEIPT, federation.country(), e.from(), e.conversationId(),
                e.messageId(), receivedAt, federation.config().messageTtl(), body);
        return federation.signer().sign(envelope);
    }
}
