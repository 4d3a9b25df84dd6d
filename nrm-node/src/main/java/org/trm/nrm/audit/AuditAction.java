package org.trm.nrm.audit;

/** Kinds of access to personal data. */
public enum AuditAction {
    READ, WRITE, ERASE
}
