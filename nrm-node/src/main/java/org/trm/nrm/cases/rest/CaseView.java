package org.trm.nrm.cases.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.trm.model.code.CaseStatus;
import org.trm.model.code.FormOfExploitation;
import org.trm.model.code.Gender;
import org.trm.model.code.IdentificationStatus;
import org.trm.model.code.Phase;
import org.trm.nrm.cases.CaseFile;
import org.trm.nrm.cases.InternationalProtectionStatus;

/**
 * A case's metadata; never personal data. {@code status} is the HTCDS case status derived from the
 * phase; {@code child} is true for a case under 18 and while the age is disputed.
 */
public record CaseView(UUID id, String reference, Phase phase, CaseStatus status,
        IdentificationStatus identificationStatus, Set<FormOfExploitation> formsOfExploitation, String citizenship,
        String countryOfOrigin, String countryOfExploitation, String referringOrganisationId,
        String leadOrganisationId, Gender sex, Integer ageAtIdentification, boolean anonymous,
        boolean doNotContactCountryOfOrigin, LocalDate reflectionPeriodStart, LocalDate reflectionPeriodEnd,
        String closureReason, boolean personalDataErased, Instant createdAt, Instant updatedAt, int version,
        boolean child, boolean ageDisputed, InternationalProtectionStatus internationalProtectionStatus,
        LocalDate asylumAppliedOn) {

    public static CaseView of(CaseFile c) {
        return new CaseView(c.id, c.reference, c.phase, c.phase == Phase.CLOSED ? CaseStatus.CLOSED : CaseStatus.ACTIVE,
                c.identificationStatus, c.forms(), c.citizenship, c.countryOfOrigin, c.countryOfExploitation,
                c.referringOrganisationId, c.leadOrganisationId, c.sex, c.ageAtIdentification, c.anonymous,
                c.doNotContactCountryOfOrigin, c.reflectionPeriodStart, c.reflectionPeriodEnd, c.closureReason,
                c.personalDataErasedAt != null, c.createdAt, c.updatedAt, c.version, c.isChild(), c.ageDisputed,
                c.internationalProtectionStatus, c.asylumAppliedOn);
    }
}
