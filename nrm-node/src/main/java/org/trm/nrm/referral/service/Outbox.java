package org.trm.nrm.referral.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import org.trm.model.crypto.BodyCipher;
import org.trm.model.crypto.Digests;
import org.trm.model.directory.Agreement;
import org.trm.model.directory.Coverage;
import org.trm.model.envelope.Envelope;
import org.trm.model.code.MessageType;
import org.trm.model.json.Json;
import org.trm.model.status.Direction;
import org.trm.nrm.cases.CaseEventType;
import org.trm.nrm.cases.service.CaseTimeline;
import org.trm.nrm.problem.NrmException;
import org.trm.nrm.referral.Conversation;
import org.trm.nrm.referral.Federation;
import org.trm.nrm.referral.MessageRepository;
import org.trm.nrm.referral.TransnationalMessage;

/**
 * Writes outgoing messages into the caller's transaction: the message exists if and only if the
 * change that caused it was committed. The worker hands it to the gateway afterwards.
 */
@ApplicationScoped
public class Outbox {
    @Inject
    Federation federation;

    @Inject
    MessageRepository messages;

    @Inject
    CaseTimeline timeline;

    @Inject
    Event<OutboxWork> work;

    /**
     * Encrypts {@code payload} to the partner, signs the envelope and queues it.
     *
     * @param summary the payload as the thread shows it, without personal data
     */
    public TransnationalMessage queue(Conversation conversation, MessageType type, Object payload, Object summary) {
        return queue(conversation, type, payload, summary, null);
    }

    /** As {@link #queue(Conversation, MessageType, Object, Object)}, the envelope expiring at {@code expiresAt} (null: the usual time to live). */
    public TransnationalMessage queue(Conversation conversation, MessageType type, Object payload, Object summary,
            Instant expiresAt) {
        String own = federation.country();
        Instant now = Instant.now();
        Agreement agreement = covering(conversation.partner, type, now);
        String body = BodyCipher.encrypt(payload, federation.encryptionKeyOf(conversation.partner));
        Envelope envelope = Envelope.create(type, own, conversation.partner, conversation.id, null, now,
                expiresAt == null ? federation.config().messageTtl() : java.time.Duration.between(now, expiresAt), body);
        String jws = federation.signer().sign(envelope);

        TransnationalMessage m = new TransnationalMessage();
        m.messageId = envelope.messageId();
        m.conversationId = conversation.id;
        m.direction = Direction.OUTBOUND;
        m.type = type;
        m.state = TransnationalMessage.State.QUEUED;
        m.jws = jws;
        m.sha256 = Digests.sha256Hex(jws);
        m.summary = Json.write(summary);
        m.createdAt = now;
        m.expiresAt = envelope.expiresAt();
        m.nextAttemptAt = now;
        m.travelsUnder(agreement);
        messages.persist(m);
        work.fire(new OutboxWork());
        if (conversation.caseId != null) {
            timeline.record(conversation.caseId, CaseEventType.TRANSNATIONAL_SENT,
                    type + " to " + conversation.partner + " (message " + m.messageId + ")");
        }
        return m;
    }

    /**
     * The agreement under which a message of {@code type} may go to {@code partner} at {@code at} (null
     * for one that needs none), refused with the problem every hop would answer with.
     */
    public Agreement covering(String partner, MessageType type, Instant at) {
        Coverage coverage = federation.directory().coverage(federation.country(), partner, type, at);
        if (coverage instanceof Coverage.Refused refused) {
            throw new NrmException(refused.problem(), refused.detail());
        }
        return ((Coverage.Covered) coverage).agreement();
    }
}
