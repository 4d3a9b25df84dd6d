package org.trm.nrm.organisation;

import org.trm.model.code.OrganisationType;

/** An organisation to register or change; {@code active} defaults to true. */
public record OrganisationCommand(
        String id,
        String name,
        OrganisationType type,
        String country,
        Boolean active) {
}
