package org.trm.nrm.assistance;

/** National services a case can be referred to. */
public enum ServiceType {
    SHELTER, MEDICAL, PSYCHOLOGICAL, LEGAL, INTERPRETATION, ASYLUM_AUTHORITY, LABOUR_INSPECTION, POLICE, OTHER
}
