package org.trm.nrm.cases;

/**
 * A person's international-protection status (HTCDS): applying for asylum, or granted refugee
 * status or complementary (subsidiary) protection, or recognised as stateless. Each means the
 * country of origin is not to be contacted.
 */
public enum InternationalProtectionStatus {
    ASYLUM_SEEKER, REFUGEE, COMPLEMENTARY_PROTECTION, STATELESS
}
