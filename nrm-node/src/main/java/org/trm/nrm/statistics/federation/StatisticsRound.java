package org.trm.nrm.statistics.federation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A federation statistics round as this node sees it: one it requested, or one it takes part in.
 * The round's arithmetic (the requester's own counts and the partial sums) is kept only while it runs.
 */
@Entity
@Table(name = "statistics_round")
public class StatisticsRound extends PanacheEntityBase {
    /** WAITING: a message of the round arrived before its request did. */
    public enum State { WAITING, RUNNING, COMPLETE, FAILED }

    @Id
    public UUID id;
    public String requester;
    public String participants;
    public Integer lastYear;
    public Integer cells;
    @Enumerated(EnumType.STRING)
    public State state;
    public Instant deadline;
    public String ownCounts;
    public String partials;
    public Instant partialSentAt;
    public String result;
    public String problemType;
    public String problemCountries;
    public String problemDetail;
    public Instant createdAt;
    public Instant finishedAt;
    @Version
    public int version;

    public List<String> participantList() {
        return participants == null || participants.isEmpty() ? List.of() : Arrays.asList(participants.split(","));
    }

    public boolean open() {
        return state == State.WAITING || state == State.RUNNING;
    }

    /** Nothing of the round's arithmetic outlives it. */
    void dropArithmetic() {
        ownCounts = null;
        partials = null;
    }
}
