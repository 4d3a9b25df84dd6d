package org.trm.nrm.audit;

/**
 * Kinds of access to personal data; RECEIVE: it arrived from another country's node; AGGREGATE: the
 * node's counts went into a federation statistics round (requested or answered), as masked shares.
 */
public enum AuditAction {
    READ, WRITE, ERASE, RECEIVE, AGGREGATE
}
