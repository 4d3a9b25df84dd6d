package org.trm.gateway.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.UUID;
import org.trm.model.directory.Agreement;
import org.trm.model.envelope.Envelope;
import org.trm.model.envelope.VerifiedEnvelope;
import org.trm.model.payload.DeliveryFailure;
import org.trm.model.status.Direction;
import org.trm.model.status.MessageState;
import org.trm.model.status.MessageStatus;

/** An envelope held by this gateway: its header, the JWS as received (until purged) and its delivery state. */
@Entity
@Table(name = "message")
public class Message {
    @Id
    @Column(name = "message_id")
    public UUID messageId;

    @Enumerated(EnumType.STRING)
    public Direction direction;

    public String type;

    @Column(name = "from_country")
    public String fromCountry;

    @Column(name = "to_country")
    public String toCountry;

    @Column(name = "conversation_id")
    public UUID conversationId;

    @Column(name = "in_reply_to")
    public UUID inReplyTo;

    @Column(name = "signing_kid")
    public String signingKid;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    public String sha256;

    @Column(name = "size_bytes")
    public int sizeBytes;

    public String jws;

    @Enumerated(EnumType.STRING)
    public MessageState state;

    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    public Instant deadline;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Column(name = "forwarded_at")
    public Instant forwardedAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "receipted_at")
    public Instant receiptedAt;

    @Column(name = "dead_at")
    public Instant deadAt;

    @Column(name = "body_purged_at")
    public Instant bodyPurgedAt;

    @Column(name = "receipt_message_id")
    public UUID receiptMessageId;

    /** The DELIVERY_FAILURE that ended this message, sent by a peer or by this gateway. */
    @Column(name = "failure_message_id")
    public UUID failureMessageId;

    /** The agreement this message travelled under, as the border check found it in force; null when none was needed. */
    @Column(name = "agreement_id")
    public String agreementId;

    @Column(name = "agreement_revision")
    public Integer agreementRevision;

    /**
     * A peer's DELIVERY_FAILURE, as its payload was checked on accepting it: storing the signal also
     * ends the message it reports on (section 7.2 of docs/PROTOCOL.md). Not stored itself.
     */
    @Transient
    public DeliveryFailure reported;

    /**
     * A checked envelope as this gateway stores it on accepting it: ACCEPTED, due now, until the
     * envelope's own expiry at the latest.
     */
    public static Message accepted(VerifiedEnvelope verified, Direction direction, Instant now) {
        Envelope e = verified.envelope();
        Message m = new Message();
        m.messageId = e.messageId();
        m.direction = direction;
        m.type = e.type().name();
        m.fromCountry = e.from();
        m.toCountry = e.to();
        m.conversationId = e.conversationId();
        m.inReplyTo = e.inReplyTo();
        m.signingKid = verified.kid();
        m.createdAt = e.createdAt();
        m.expiresAt = e.expiresAt();
        m.sha256 = verified.sha256();
        m.sizeBytes = verified.jws().length();
        m.jws = verified.jws();
        m.state = MessageState.ACCEPTED;
        m.nextAttemptAt = now;
        m.deadline = e.expiresAt();
        m.acceptedAt = now;
        return m;
    }

    /** Records the agreement revision this message travels under (null: none needed). */
    public Message under(Agreement agreement) {
        agreementId = agreement == null ? null : agreement.id();
        agreementRevision = agreement == null ? null : agreement.revision();
        return this;
    }

    /** What its sender, node or operator may know of this message: header and delivery state, never its body. */
    public MessageStatus status() {
        return new MessageStatus(messageId, type, fromCountry, toCountry, direction, state, sha256, acceptedAt,
                forwardedAt, deliveredAt, receiptedAt, deadAt, attempts,
                state == MessageState.ACCEPTED ? nextAttemptAt : null, expiresAt, lastError, receiptMessageId,
                jws == null, agreementId, agreementRevision);
    }

    /** The peer this message waits for: the recipient country's gateway, or the own node. */
    public String peer() {
        return direction == Direction.OUTBOUND ? toCountry : "node";
    }
}
