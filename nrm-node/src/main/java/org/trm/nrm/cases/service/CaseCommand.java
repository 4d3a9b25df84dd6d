package org.trm.nrm.cases.service;

import java.util.Set;
import org.trm.model.code.FormOfExploitation;
import org.trm.model.code.Gender;
import org.trm.model.code.IdentificationStatus;

/** A case's metadata to write (create and update); {@code anonymous} is fixed when the case is created. */
public record CaseCommand(
        IdentificationStatus identificationStatus,
        Set<FormOfExploitation> formsOfExploitation,
        String citizenship,
        String countryOfOrigin,
        String countryOfExploitation,
        String referringOrganisationId,
        String leadOrganisationId,
        Gender sex,
        Integer ageAtIdentification,
        Boolean anonymous,
        Boolean doNotContactCountryOfOrigin) {
}
