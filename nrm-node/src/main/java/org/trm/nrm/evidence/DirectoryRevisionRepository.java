package org.trm.nrm.evidence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class DirectoryRevisionRepository implements PanacheRepositoryBase<DirectoryRevision, Integer> {

    /**
     * Stores a revision unless its version is kept already: replicas of a node that start together
     * take the same directory, and the first one's row stands.
     */
    public void keep(DirectoryRevision r) {
        getEntityManager().createNativeQuery("""
                INSERT INTO directory_revision (version, issued_at, sha256, jws, loaded_at)
                VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (version) DO NOTHING""")
                .setParameter(1, r.version).setParameter(2, r.issuedAt).setParameter(3, r.sha256)
                .setParameter(4, r.jws).setParameter(5, r.loadedAt).executeUpdate();
    }

    /** Every revision, newest first. */
    public List<DirectoryRevision> newestFirst() {
        return listAll(Sort.descending("version"));
    }
}
