package org.trm.nrm.referral.service;

/** Fired in a transaction that queued a message, or let a queued one go: the worker runs after the commit. */
public record OutboxWork() {
}
