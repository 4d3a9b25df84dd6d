package org.trm.nrm.followup.rest;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.trm.model.code.MessageType;
import org.trm.model.crypto.Digests;
import org.trm.model.directory.FocalPoint;
import org.trm.model.followup.FollowUpReport;
import org.trm.model.followup.FollowUpReport.Leg;
import org.trm.model.followup.FollowUpReport.Referral;

/**
 * A follow-up report as a page a national coordinator prints for the agreement's annual review:
 * the parties and focal points of each revision, the period, the figures per revision and leg,
 * the gateway's transport figures, the referrals answered late or still unanswered past the agreed
 * time, and the signature (the key, the SHA-256 of the signed report and the report itself, in a
 * part that is not printed), so that a printout can be matched to what the node signed. No script,
 * no outside resource, and every value escaped: the page is served with a policy that allows
 * nothing but its own style.
 */
final class FollowUpPage {
    /** Only the page's own style: no script, image, font or frame, from anywhere. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final String STYLE = """
            @page { size: A4; margin: 16mm; }
            body { font: 10.5pt/1.4 system-ui, sans-serif; color: #000; max-width: 60em; margin: 1em auto; }
            h1 { font-size: 1.5em; margin-bottom: 0; } h2 { font-size: 1.15em; margin-top: 1.6em; }
            table { border-collapse: collapse; width: 100%; page-break-inside: avoid; }
            th, td { border: 1px solid #555; padding: 2px 5px; text-align: left; vertical-align: top; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            .breach { font-weight: bold; }
            code, pre { font-size: 0.85em; overflow-wrap: anywhere; white-space: pre-wrap; }
            @media print { details { display: none; } }
            """;

    private FollowUpPage() {
    }

    static String of(FollowUpReport report, String jws, String kid) {
        StringBuilder h = new StringBuilder(8192);
        String title = "Follow-up of agreement " + report.agreement() + ", " + report.from() + " to " + report.to();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title><style>").append(STYLE).append("</style></head><body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n<p>Counted and signed by the node of <strong>")
                .append(esc(report.country())).append("</strong> as of ").append(esc(time(report.asOf())))
                .append(", directory version ").append(report.directoryVersion())
                .append(". The period runs from ").append(esc(report.from())).append(" to ").append(esc(report.to()))
                .append(", both days included (UTC); a referral counts in it by when it was sent or received, its "
                        + "answer whenever it came up to the report's time.</p>\n");
        revisions(h, report.revisions());
        legs(h, report);
        transport(h, report);
        breaches(h, report);
        h.append("<h2>Signature</h2>\n<p>The node of ").append(esc(report.country())).append(" signed this report with its key <code>")
                .append(esc(kid)).append("</code>, which the federation directory lists. SHA-256 of the signed report: <code>")
                .append(esc(Digests.sha256Hex(jws))).append("</code>. Its signature verifies with the node's key in the "
                        + "directory; its figures are checked against the referrals it lists (docs/PROTOCOL.md section 16).</p>\n")
                .append("<details><summary>The signed report (application/trm-follow-up+jws)</summary><pre>")
                .append(esc(jws)).append("</pre></details>\n</body></html>\n");
        return h.toString();
    }

    private static void revisions(StringBuilder h, List<FollowUpReport.Revision> revisions) {
        h.append("<h2>Terms agreed</h2>\n<table><thead><tr><th>Revision</th><th>Status</th><th>Parties</th><th>Valid from</th>"
                + "<th>Valid until</th><th>Agreed response time</th><th>Focal points</th></tr></thead><tbody>\n");
        for (FollowUpReport.Revision r : revisions) {
            h.append("<tr><td class=\"n\">").append(r.revision()).append("</td><td>").append(esc(r.status()))
                    .append("</td><td>").append(esc(String.join(", ", r.parties()))).append("</td><td>")
                    .append(esc(r.validFrom() == null ? "—" : time(r.validFrom()))).append("</td><td>")
                    .append(esc(r.validUntil() == null ? "open-ended" : time(r.validUntil()))).append("</td><td>")
                    .append(esc(r.responseTime() == null ? "—" : duration(Duration.parse(r.responseTime()).toSeconds())))
                    .append("</td><td>");
            for (FocalPoint f : r.focalPoints()) {
                h.append(esc(f.country())).append(": ").append(esc(f.institution())).append(", <code>")
                        .append(esc(f.contact())).append("</code><br>");
            }
            h.append(r.focalPoints().isEmpty() ? "none named" : "").append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static void legs(StringBuilder h, FollowUpReport report) {
        h.append("<h2>Referrals per revision and direction</h2>\n<p>Counted by the node of ").append(esc(report.country()))
                .append(": it reads the answers, which travel encrypted. Times to answer run, for a referral it sent, "
                        + "from sending to receiving the answer; for one it received, from receiving to answering.</p>\n")
                .append("<table><thead><tr><th>Revision</th><th>From</th><th>To</th><th>Referrals</th><th>Accepted</th>"
                        + "<th>Declined</th><th>Unanswered</th><th>Withdrawn</th><th>Failed</th><th>Median time to answer</th>"
                        + "<th>90th percentile</th><th>Answered late</th><th>Unanswered past the agreed time</th></tr></thead><tbody>\n");
        for (Leg l : report.legs()) {
            h.append("<tr><td class=\"n\">").append(l.revision()).append("</td><td>").append(esc(l.from())).append("</td><td>")
                    .append(esc(l.to())).append("</td>");
            for (long n : new long[] {l.referrals(), l.accepted(), l.declined(), l.unanswered(), l.withdrawn(), l.failed()}) {
                h.append("<td class=\"n\">").append(n).append("</td>");
            }
            h.append("<td class=\"n\">").append(esc(duration(l.medianAnswerSeconds()))).append("</td><td class=\"n\">")
                    .append(esc(duration(l.p90AnswerSeconds()))).append("</td>")
                    .append(cell(l.answeredLate())).append(cell(l.unansweredPastAgreed())).append("</tr>\n");
        }
        if (report.legs().isEmpty()) {
            h.append("<tr><td colspan=\"13\">No referral was sent or received under this agreement in the period.</td></tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static void transport(StringBuilder h, FollowUpReport report) {
        h.append("<h2>Transport</h2>\n");
        if (!report.gatewayReached()) {
            h.append("<p>The gateway of ").append(esc(report.country()))
                    .append(" could not be asked when the report was made: it holds no transport figures.</p>\n");
            return;
        }
        h.append("<p>Counted by the gateway of ").append(esc(report.country()))
                .append(" from the envelopes it accepted in the period (headers only): messages by type, dead letters "
                        + "(messages that could not be delivered) and the failure signals that reported them.</p>\n")
                .append("<table><thead><tr><th>Revision</th><th>From</th><th>To</th><th>Referrals</th><th>Messages by type</th>"
                        + "<th>Dead letters</th><th>Failure signals</th></tr></thead><tbody>\n");
        for (Leg l : report.legs()) {
            FollowUpReport.Transport t = l.transport();
            h.append("<tr><td class=\"n\">").append(l.revision()).append("</td><td>").append(esc(l.from())).append("</td><td>")
                    .append(esc(l.to())).append("</td><td class=\"n\">")
                    .append(t.messages().getOrDefault(MessageType.REFERRAL, 0L)).append("</td><td>")
                    .append(esc(types(t.messages()))).append("</td>").append(cell(t.deadLetterCount()))
                    .append("<td class=\"n\">").append(t.failureSignals()).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static void breaches(StringBuilder h, FollowUpReport report) {
        List<Referral> breaches = report.referrals().stream().filter(r -> r.answeredLate() || r.unansweredPastAgreed())
                .toList();
        h.append("<h2>Referrals beyond the agreed response time</h2>\n");
        if (breaches.isEmpty()) {
            h.append("<p>None: every referral answered was answered in the agreed time, and none is overdue.</p>\n");
            return;
        }
        h.append("<p>By conversation id, which the partner's report of the same agreement lists too.</p>\n<table><thead><tr>"
                + "<th>Conversation</th><th>Revision</th><th>From</th><th>To</th><th>Sent or received</th><th>Answer</th>"
                + "<th>Time to answer</th></tr></thead><tbody>\n");
        for (Referral r : breaches) {
            h.append("<tr><td><code>").append(esc(r.conversationId())).append("</code></td><td class=\"n\">").append(r.revision())
                    .append("</td><td>").append(esc(r.from())).append("</td><td>").append(esc(r.to())).append("</td><td>")
                    .append(esc(time(r.sentAt()))).append("</td><td>")
                    .append(esc(r.answeredAt() == null ? "none yet" : r.outcome() + " at " + time(r.answeredAt())))
                    .append("</td><td class=\"n breach\">").append(esc(r.answerSeconds() == null ? "overdue"
                            : duration(r.answerSeconds()))).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    /** A count, in bold when it is a breach or a loss. */
    private static String cell(long n) {
        return "<td class=\"n" + (n > 0 ? " breach" : "") + "\">" + n + "</td>";
    }

    private static String types(Map<MessageType, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String time(Instant t) {
        return TIME.format(t);
    }

    /** Whole seconds as days, hours, minutes and seconds, largest first: {@code 3 d 4 h}, {@code 12 min 5 s}. */
    static String duration(Long seconds) {
        if (seconds == null) {
            return "—";
        }
        long d = seconds / 86400;
        long h = seconds % 86400 / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        if (d > 0) {
            return d + " d" + (h > 0 ? " " + h + " h" : "");
        }
        if (h > 0) {
            return h + " h" + (m > 0 ? " " + m + " min" : "");
        }
        return m > 0 ? m + " min" + (s > 0 ? " " + s + " s" : "") : s + " s";
    }

    /** Text as HTML content or a quoted attribute value. */
    static String esc(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
