package org.trm.nrm.statistics.federation;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class StatisticsRoundRepository implements PanacheRepositoryBase<StatisticsRound, UUID> {

    /**
     * The round, locked for this transaction, created WAITING if no message of it was taken yet.
     * Messages of one round arrive at once from several countries: the insert that does nothing when
     * the row exists, then the lock, makes them wait on each other instead of one failing on the key.
     */
    public StatisticsRound locked(UUID id, Instant waitUntil) {
        getEntityManager().createNativeQuery("""
                INSERT INTO statistics_round (id, state, deadline, created_at, version)
                VALUES (?1, 'WAITING', ?2, ?3, 0) ON CONFLICT (id) DO NOTHING""")
                .setParameter(1, id).setParameter(2, waitUntil).setParameter(3, Instant.now()).executeUpdate();
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Open rounds past their deadline. */
    public List<StatisticsRound> overdue(Instant now) {
        return list("state in ?1 and deadline < ?2", List.of(StatisticsRound.State.WAITING, StatisticsRound.State.RUNNING), now);
    }

    /** When the first open round's deadline passes; null when none is open. */
    public Instant firstDeadline() {
        return getEntityManager().createQuery("select min(r.deadline) from StatisticsRound r where r.state in ?1", Instant.class)
                .setParameter(1, List.of(StatisticsRound.State.WAITING, StatisticsRound.State.RUNNING)).getSingleResult();
    }

    /** Rounds this node gave its partial sum to since {@code since}, whoever requested them. */
    public List<StatisticsRound> answeredSince(Instant since) {
        return list("partialSentAt >= ?1", since);
    }

    public List<StatisticsRound> requestedBy(String country, int limit) {
        return find("requester", Sort.by("createdAt").descending(), country).page(0, limit).list();
    }
}
