package org.trm.model.directory;

/** Where one revision of an agreement stands at a moment (docs/PROTOCOL.md section 12). */
public enum RevisionStatus {
    /** Its start date has not come. */
    SCHEDULED,
    /** The revision in force, within its dates. */
    IN_FORCE,
    /** A later revision has started: this one is history, kept readable. */
    SUPERSEDED,
    /** The revision in force, but past its end date: the agreement has expired. */
    EXPIRED
}
