package org.trm.nrm.proceedings;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class ProceedingRepository implements PanacheRepositoryBase<Proceeding, UUID> {
}
