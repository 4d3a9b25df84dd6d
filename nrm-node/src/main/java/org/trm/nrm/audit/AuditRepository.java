package org.trm.nrm.audit;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

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

    /** The last committed head; {seq, hash}. */
    public Object[] head() {
        return (Object[]) getEntityManager()
                .createNativeQuery("SELECT seq, hash FROM audit_head WHERE id = 1").getSingleResult();
    }
}
