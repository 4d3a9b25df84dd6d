package org.trm.nrm.organisation.rest;

import java.time.Instant;
import org.trm.model.code.OrganisationType;
import org.trm.nrm.organisation.Organisation;

public record OrganisationView(String id, String name, OrganisationType type, String country, boolean active,
        Instant createdAt, int version) {

    public static OrganisationView of(Organisation o) {
        return new OrganisationView(o.id, o.name, o.type, o.country, o.active, o.createdAt, o.version);
    }
}
