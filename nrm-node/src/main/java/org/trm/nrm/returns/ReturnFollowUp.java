package org.trm.nrm.returns;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One follow-up the country of return owes after a return this node requested: due on the day the
 * agreement sets after the departure, answered by the first RETURN_FOLLOW_UP received while it is
 * the earliest still open. Dates only: nothing about the person.
 */
@Entity
@Table(name = "return_follow_up")
public class ReturnFollowUp extends PanacheEntityBase {
    /** Where a follow-up stands on a given day. */
    public enum State { DUE, OVERDUE, RECEIVED }

    @Id
    public UUID id;
    public UUID conversationId;
    public UUID caseId;
    public String partner;
    /** 1 for the first after the departure. */
    public int seq;
    public LocalDate dueOn;
    public UUID receivedMessageId;
    public Instant receivedAt;
    /** When the case's timeline was told it is overdue (once). */
    public Instant overdueNotedAt;

    /** Received; else overdue once its due day has passed; else due. */
    public State state(LocalDate today) {
        return receivedAt != null ? State.RECEIVED : dueOn.isBefore(today) ? State.OVERDUE : State.DUE;
    }
}
