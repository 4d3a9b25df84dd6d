package org.trm.gateway.operations;

import java.util.Map;

/**
 * How one agreement is kept in one direction, as this gateway saw it at its border: the messages
 * that crossed from {@code from} to {@code to} (by type), and for each referral whether and how fast the partner answered. Response times
 * run from the referral's acceptance here to the response's, on this gateway's clock. Whether a
 * referral was accepted or declined is in the encrypted body and only the nodes know it.
 * {@code revision} is the agreement's revision in force, whose agreed response time the breaches
 * are measured against.
 */
public record AgreementReport(String agreement, int revision, String from, String to, Long agreedResponseSeconds,
        Map<String, Long> messages, long referrals, long responded, long awaiting, Long medianResponseSeconds,
        Long longestResponseSeconds, Breaches breaches) {

    /** Responses that came after the agreed time, and referrals still unanswered past it. */
    public record Breaches(long late, long overdue) {
    }
}
