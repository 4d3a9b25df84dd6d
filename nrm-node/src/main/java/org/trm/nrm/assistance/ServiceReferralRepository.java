package org.trm.nrm.assistance;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class ServiceReferralRepository implements PanacheRepositoryBase<ServiceReferral, UUID> {
}
