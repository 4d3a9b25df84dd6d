package org.trm.nrm.audit;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

@ApplicationScoped
public class AuditRepository implements PanacheRepositoryBase<AuditEntry, Long> {

    /** Locks the chain's head until commit, so that appends are serialised; returns {seq, hash}. */
    public Object[] lockHead() {
        return (Object[]) getEntityManager()
                .createNativeQuery("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE").getSingleResult();
    }

    public void moveHead(long seq, String hash) {
        getEntityManager().createNativeQuery("UPDATE audit_head SET seq = ?1, hash = ?2 WHERE id = 1")
                .setParameter(1, seq).setParameter(2, hash).executeUpdate();
    }

    /** The hashes of the entries with these numbers that exist. */
    public Map<Long, String> hashesAt(Collection<Long> seqs) {
        Map<Long, String> hashes = new HashMap<>();
        if (!seqs.isEmpty()) {
            getEntityManager().createQuery("select e.seq, e.hash from AuditEntry e where e.seq in ?1", Object[].class)
                    .setParameter(1, seqs).getResultList()
                    .forEach(row -> hashes.put(((Number) row[0]).longValue(), (String) row[1]));
        }
        return hashes;
    }

    /** The last committed head; {seq, hash}. */
    public Object[] head() {
        return (Object[]) getEntityManager()
                .createNativeQuery("SELECT seq, hash FROM audit_head WHERE id = 1").getSingleResult();
    }
}
