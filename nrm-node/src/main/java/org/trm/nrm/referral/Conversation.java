package org.trm.nrm.referral;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.trm.model.code.ConsentScope;
import org.trm.model.code.MessageType;
import org.trm.model.status.Direction;

/**
 * A referral between this node and one partner country, and everything said about it since; or a
 * return announced ahead (a RETURN_PRENOTIFICATION: NOTIFIED, no case data, nothing to accept).
 */
@Entity
@Table(name = "conversation")
public class Conversation extends PanacheEntityBase {
    public enum Status { PENDING, ACCEPTED, DECLINED, WITHDRAWN, CLOSED, NOTIFIED }

    /** The answer to the referral that opened the conversation, which its status no longer shows once it moves on. */
    public enum Answer { ACCEPTED, DECLINED }

    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    public Direction direction;
    public String partner;
    public UUID caseId;
    @Enumerated(EnumType.STRING)
    public Status status;
    public String partnerCaseReference;
    public String receivedReferral;
    public Instant consentWithdrawnAt;
    /** Sent: the identity-data consent the referral's identity data went under, if any. */
    public UUID identityConsentId;
    /** Received: when the partner said the victim withdrew the consent this data came under. */
    public Instant restrictedAt;
    /** Received: which data is restricted, the case's (SHARE_WITH_COUNTRY) or the identity data only. */
    @Enumerated(EnumType.STRING)
    public ConsentScope restrictedScope;
    /**
     * The message that started it: a REFERRAL, or a RETURN_PRENOTIFICATION; STATS_REQUEST for the
     * messages of one federation statistics round between two nodes (CLOSED, no case, never listed).
     */
    @Enumerated(EnumType.STRING)
    public MessageType openedBy = MessageType.REFERRAL;
    /** Sent a return request: the day the person left under it, once recorded. */
    public LocalDate returnDepartedOn;
    /** Accepted or declined, and when: this node answered (INBOUND) or took the partner's answer (OUTBOUND). */
    @Enumerated(EnumType.STRING)
    public Answer answer;
    public Instant answeredAt;
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public int version;

    public void answered(boolean accepted, Instant at) {
        answer = accepted ? Answer.ACCEPTED : Answer.DECLINED;
        answeredAt = at;
    }
}
