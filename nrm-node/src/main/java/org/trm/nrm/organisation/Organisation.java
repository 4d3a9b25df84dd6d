package org.trm.nrm.organisation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import org.trm.model.code.OrganisationType;

/** An organisation of the national mechanism: NGO, shelter, police, asylum authority, ... */
// Read on every case write to check references, changed rarely: kept in the second-level cache.
@Cacheable
@Entity
public class Organisation extends PanacheEntityBase {
    /** Stable id chosen by the node admin; users' tokens carry it in the {@code org} claim. */
    @Id
    public String id;
    public String name;
    @Enumerated(EnumType.STRING)
    public OrganisationType type;
    public String country;
    public boolean active;
    public Instant createdAt;
    @Version
    public int version;
}
