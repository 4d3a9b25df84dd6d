package org.trm.nrm.cases.service;

import org.trm.model.code.FormOfExploitation;
import org.trm.model.code.IdentificationStatus;
import org.trm.model.code.Phase;

/** Search criteria; null means "any". */
public record CaseFilter(String reference, Phase phase, IdentificationStatus identificationStatus,
        FormOfExploitation formOfExploitation, String citizenship, String countryOfExploitation,
        String leadOrganisationId, String referringOrganisationId) {
}
