package org.trm.nrm.audit;

/** Kinds of access to personal data; RECEIVE: it arrived from another country's node. */
public enum AuditAction {
    READ, WRITE, ERASE, RECEIVE
}
