package org.trm.nrm.referral;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.trm.model.code.MessageType;
import org.trm.model.directory.Agreement;
import org.trm.model.status.Direction;

/** One signed envelope sent or received, kept as evidence with its receipt. */
@Entity
@Table(name = "transnational_message")
public class TransnationalMessage extends PanacheEntityBase {
    /** Delivery state as the sender sees it; RECEIVED for what arrived here. */
    public enum State { QUEUED, SENT, DELIVERED, RECEIPTED, FAILED, RECEIVED }

    @Id
    public UUID messageId;
    public UUID conversationId;
    @Enumerated(EnumType.STRING)
    public Direction direction;
    @Enumerated(EnumType.STRING)
    public MessageType type;
    @Enumerated(EnumType.STRING)
    public State state;
    public String jws;
    public String sha256;
    public String summary;
    public Instant createdAt;
    public Instant expiresAt;
    public int attempts;
    public Instant nextAttemptAt;
    /** Waiting out a failed hand-over (not leased): made due at once when the gateway answers again. */
    public boolean backingOff;
    public String lastError;
    public String receiptJws;
    /** INBOUND: the id of the receipt this node issued for it. */
    public UUID receiptMessageId;
    public String receiptSha256;
    public Instant receiptReceivedAt;
    /**
     * The agreement and its revision the message travelled under, as this node's check found it in
     * force when it queued or took it; null for a failure signal from its own gateway.
     */
    public String agreementId;
    public Integer agreementRevision;

    /** Records the agreement revision a covered message travels under (none for a signal within the country). */
    public void travelsUnder(Agreement agreement) {
        agreementId = agreement == null ? null : agreement.id();
        agreementRevision = agreement == null ? null : agreement.revision();
    }
}
