package org.trm.nrm.cases;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class CaseEventRepository implements PanacheRepository<CaseEvent> {
}
