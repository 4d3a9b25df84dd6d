package org.trm.nrm.consent;

/**
 * The kinds of data a consent may name. Identity data (HTCDS prs_FirstName, prs_SecondName,
 * prs_Birthdate, identity documents and contacts) is what a SHARE_IDENTITY_WITH_COUNTRY consent covers.
 */
public enum DataCategory {
    CASE_DATA, NAME, DATE_OF_BIRTH, DOCUMENTS, CONTACTS, HEALTH, NEEDS
}
