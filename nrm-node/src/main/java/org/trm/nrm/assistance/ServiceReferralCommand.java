package org.trm.nrm.assistance;

/** A referral of a case to a national service provider. */
public record ServiceReferralCommand(
        ServiceType serviceType,
        String providerOrganisationId) {
}
