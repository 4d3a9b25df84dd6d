package org.trm.model.directory;

/** Whether a participant may currently send and receive. */
public enum ParticipantStatus {
    ACTIVE,
    SUSPENDED
}
