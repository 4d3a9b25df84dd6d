package org.trm.nrm.person;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class PersonalDataRepository implements PanacheRepositoryBase<PersonalData, UUID> {
}
