package org.trm.gateway.monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.directory.DirectoryHolder;
import org.trm.model.directory.Agreement;

/**
 * Agreement monitoring (DESIGN §4): per agreement of this country and direction, the messages that
 * crossed this border, the referrals, how many the partner answered and how fast, and the breaches
 * of the agreed response time. Read from the message headers this gateway keeps as evidence; the
 * same figures are Prometheus gauges ({@code trm_gateway_agreement_*}), refreshed every minute.
 */
@ApplicationScoped
public class AgreementMonitor {

    @Inject
    DataSource dataSource;

    @Inject
    DirectoryHolder directory;

    @Inject
    GatewayConfig config;

    @Inject
    MeterRegistry registry;

    private final Map<Tags, AtomicLong> gauges = new ConcurrentHashMap<>();

    private record Referral(String from, String to, Instant acceptedAt, Instant answeredAt) {
    }

    public List<AgreementReport> report() {
        Instant now = Instant.now();
        Instant since = now.minus(config.monitoring().window());
        Map<List<String>, Map<String, Long>> messages = new HashMap<>();
        List<Referral> referrals = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT from_country, to_country, type, count(*) FROM message
                    WHERE type <> 'RECEIPT' AND accepted_at >= ? GROUP BY 1, 2, 3""")) {
                ps.setObject(1, since.atOffset(ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        messages.computeIfAbsent(List.of(rs.getString(1), rs.getString(2)), k -> new TreeMap<>())
                                .put(rs.getString(3), rs.getLong(4));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT r.from_country, r.to_country, r.accepted_at, min(a.accepted_at)
                    FROM message r
                    LEFT JOIN message a ON a.conversation_id = r.conversation_id AND a.type = 'REFERRAL_RESPONSE'
                        AND a.from_country = r.to_country AND a.to_country = r.from_country
                    WHERE r.type = 'REFERRAL' AND r.accepted_at >= ?
                    GROUP BY r.message_id, r.from_country, r.to_country, r.accepted_at""")) {
                ps.setObject(1, since.atOffset(ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        OffsetDateTime answered = rs.getObject(4, OffsetDateTime.class);
                        referrals.add(new Referral(rs.getString(1), rs.getString(2),
                                rs.getObject(3, OffsetDateTime.class).toInstant(),
                                answered == null ? null : answered.toInstant()));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the agreement figures: " + e.getSQLState(), e);
        }
        List<AgreementReport> reports = new ArrayList<>();
        String own = config.country();
        for (Agreement agreement : directory.current().agreements()) {
            if (!agreement.parties().contains(own) || !agreement.activeAt(now)) {
                continue;
            }
            String partner = agreement.parties().get(0).equals(own) ? agreement.parties().get(1) : agreement.parties().get(0);
            reports.add(report(agreement, own, partner, messages, referrals, now));
            reports.add(report(agreement, partner, own, messages, referrals, now));
        }
        return reports;
    }

    private static AgreementReport report(Agreement agreement, String from, String to,
            Map<List<String>, Map<String, Long>> messages, List<Referral> referrals, Instant now) {
        Map<String, Long> crossed = messages.getOrDefault(List.of(from, to), Map.of());
        Duration agreed = agreement.responseTime();
        List<Duration> times = new ArrayList<>();
        long late = 0;
        long overdue = 0;
        long count = 0;
        for (Referral r : referrals) {
            if (!r.from().equals(from) || !r.to().equals(to)) {
                continue;
            }
            count++;
            if (r.answeredAt() == null) {
                if (agreed != null && Duration.between(r.acceptedAt(), now).compareTo(agreed) > 0) {
                    overdue++;
                }
                continue;
            }
            Duration took = Duration.between(r.acceptedAt(), r.answeredAt());
            times.add(took);
            if (agreed != null && took.compareTo(agreed) > 0) {
                late++;
            }
        }
        times.sort(Comparator.naturalOrder());
        return new AgreementReport(agreement.id(), from, to, agreed == null ? null : agreed.toSeconds(), crossed, count,
                times.size(), count - times.size(), times.isEmpty() ? null : times.get((times.size() - 1) / 2).toSeconds(),
                times.isEmpty() ? null : times.get(times.size() - 1).toSeconds(),
                new AgreementReport.Breaches(late, overdue));
    }

    @Scheduled(every = "${trm.monitoring.refresh}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshGauges() {
        for (AgreementReport r : report()) {
            Tags tags = Tags.of("agreement", r.agreement(), "from", r.from(), "to", r.to());
            gauge("trm.gateway.agreement.referrals", tags).set(r.referrals());
            gauge("trm.gateway.agreement.responded", tags).set(r.responded());
            gauge("trm.gateway.agreement.awaiting", tags).set(r.awaiting());
            gauge("trm.gateway.agreement.breaches", tags.and("kind", "late")).set(r.breaches().late());
            gauge("trm.gateway.agreement.breaches", tags.and("kind", "overdue")).set(r.breaches().overdue());
            gauge("trm.gateway.agreement.response.seconds.max", tags).set(
                    r.longestResponseSeconds() == null ? 0 : r.longestResponseSeconds());
        }
    }

    private AtomicLong gauge(String name, Tags tags) {
        return gauges.computeIfAbsent(tags.and("name", name), key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get).tags(tags).register(registry);
            return value;
        });
    }
}
