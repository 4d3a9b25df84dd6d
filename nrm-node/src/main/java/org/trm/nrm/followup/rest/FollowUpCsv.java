package org.trm.nrm.followup.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.trm.model.code.MessageType;
import org.trm.model.followup.FollowUpReport;
import org.trm.model.followup.FollowUpReport.Leg;

/**
 * A follow-up report as CSV (RFC 4180): a header row, then one row per revision and leg with the
 * report's agreement, country and period repeated, so that rows of several reports can be put in
 * one sheet. The gateway's columns are empty when the gateway could not be asked.
 */
final class FollowUpCsv {
    private static final List<String> HEADER = List.of("agreement", "reported_by", "period_from", "period_to", "as_of",
            "revision", "agreed_response_time", "from", "to", "direction", "referrals", "accepted", "declined",
            "unanswered", "withdrawn", "failed", "median_answer_seconds", "p90_answer_seconds", "answered_late",
            "unanswered_past_agreed", "gateway_referrals", "gateway_messages", "gateway_dead_letters",
            "gateway_failure_signals");

    private FollowUpCsv() {
    }

    static String of(FollowUpReport report) {
        Map<Integer, String> agreed = report.revisions().stream().filter(r -> r.responseTime() != null)
                .collect(Collectors.toMap(FollowUpReport.Revision::revision, FollowUpReport.Revision::responseTime));
        StringBuilder csv = new StringBuilder();
        row(csv, HEADER);
        for (Leg leg : report.legs()) {
            FollowUpReport.Transport t = leg.transport();
            Function<Function<FollowUpReport.Transport, Object>, Object> gateway = f -> t == null ? null : f.apply(t);
            row(csv, List.of(report.agreement(), report.country(), report.from(), report.to(), report.asOf(),
                    leg.revision(), text(agreed.get(leg.revision())), leg.from(), leg.to(), leg.direction(), leg.referrals(),
                    leg.accepted(), leg.declined(), leg.unanswered(), leg.withdrawn(), leg.failed(),
                    text(leg.medianAnswerSeconds()), text(leg.p90AnswerSeconds()), leg.answeredLate(),
                    leg.unansweredPastAgreed(),
                    text(gateway.apply(x -> x.messages().getOrDefault(MessageType.REFERRAL, 0L))),
                    text(gateway.apply(x -> x.messages().values().stream().mapToLong(Long::longValue).sum())),
                    text(gateway.apply(FollowUpReport.Transport::deadLetterCount)),
                    text(gateway.apply(FollowUpReport.Transport::failureSignals))));
        }
        return csv.toString();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static void row(StringBuilder csv, List<?> values) {
        List<String> fields = new ArrayList<>(values.size());
        for (Object v : values) {
            fields.add(field(Objects.toString(v, "")));
        }
        csv.append(String.join(",", fields)).append("\r\n");
    }

    /**
     * Quoted where RFC 4180 needs it; a value a spreadsheet would take for a formula (it starts with
     * {@code = + - @}) is kept as text behind an apostrophe.
     */
    static String field(String value) {
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return v.matches("[^,\"\r\n]*") ? v : "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
