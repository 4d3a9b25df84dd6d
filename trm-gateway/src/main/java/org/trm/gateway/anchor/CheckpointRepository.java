package org.trm.gateway.anchor;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class CheckpointRepository implements PanacheRepositoryBase<AnchoredCheckpoint, Long> {

    /**
     * Serialises appends until commit, so that two checkpoints (two replicas, or a resend racing the
     * scheduled one) cannot both pass the rewind check against the same latest. Readers are not blocked.
     */
    void lockForAppend() {
        getEntityManager().createNativeQuery("LOCK TABLE audit_checkpoint IN EXCLUSIVE MODE").executeUpdate();
    }

    Optional<AnchoredCheckpoint> latest() {
        return find("order by seq desc").firstResultOptional();
    }

    List<AnchoredCheckpoint> after(long seq, int limit) {
        return find("seq > ?1", Sort.by("seq"), seq).page(0, limit).list();
    }
}
