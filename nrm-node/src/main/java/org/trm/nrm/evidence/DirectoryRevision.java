package org.trm.nrm.evidence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A federation directory this node took, kept as signed: the keys it trusted from {@code loadedAt} on. */
@Entity
@Table(name = "directory_revision")
public class DirectoryRevision extends PanacheEntityBase {
    @Id
    public int version;
    public Instant issuedAt;
    public String sha256;
    public String jws;
    public Instant loadedAt;
}
