package org.trm.gateway.operations;

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
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.directory.DirectoryHolder;
import org.trm.model.directory.Agreement;
import org.trm.model.directory.Directory;

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

    /** One agreement in one direction: the referrals sent from {@code from} to {@code to} under it. */
    private record Leg(Agreement agreement, String from, String to) {
    }

    /**
     * Every figure is aggregated by PostgreSQL, so that a refresh returns a few rows however many
     * referrals the window holds: reading each referral into the gateway, every minute, made a burst
     * of work that grew with the traffic and stalled the relay meanwhile.
     */
    public List<AgreementReport> report() {
        Instant now = Instant.now();
        Instant since = now.minus(config.monitoring().window());
        String own = config.country();
        List<Leg> legs = new ArrayList<>();
        // One revision per agreement: the one in force, whose agreed response time the breaches are
        // measured against; every other party of a multilateral agreement is a partner of its own.
        Directory current = directory.current();
        for (String id : current.agreements().stream().map(Agreement::id).distinct().toList()) {
            Optional<Agreement> inForce = current.inForce(id, now);
            if (inForce.isEmpty() || !inForce.get().activeAt(now) || !inForce.get().parties().contains(own)) {
                continue;
            }
            for (String partner : inForce.get().parties()) {
                if (!partner.equals(own)) {
                    legs.add(new Leg(inForce.get(), own, partner));
                    legs.add(new Leg(inForce.get(), partner, own));
                }
            }
        }
        if (legs.isEmpty()) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection()) {
            Map<List<String>, Map<String, Long>> messages = crossed(c, since);
            return referrals(c, legs, messages, since, now);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the agreement figures: " + e.getSQLState(), e);
        }
    }

    /** Messages that crossed this border in the window, by (from, to) and type. */
    private static Map<List<String>, Map<String, Long>> crossed(Connection c, Instant since) throws SQLException {
        Map<List<String>, Map<String, Long>> messages = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT from_country, to_country, type, count(*) FROM message
                WHERE type NOT IN ('RECEIPT', 'DELIVERY_FAILURE') AND accepted_at >= ? GROUP BY 1, 2, 3""")) {
            ps.setObject(1, since.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    messages.computeIfAbsent(List.of(rs.getString(1), rs.getString(2)), k -> new TreeMap<>())
                            .put(rs.getString(3), rs.getLong(4));
                }
            }
        }
        return messages;
    }

    /**
     * Per direction: its referrals in the window, how many the partner answered, the median and
     * longest response (lower median, whole seconds), and the responses later than agreed and the
     * referrals still unanswered past it. A response is the first REFERRAL_RESPONSE of the same
     * conversation going the other way.
     */
    private static List<AgreementReport> referrals(Connection c, List<Leg> legs,
            Map<List<String>, Map<String, Long>> messages, Instant since, Instant now) throws SQLException {
        String pairs = String.join(", ", Collections.nCopies(legs.size(),
                "(?::int, ?::varchar, ?::varchar, ?::double precision)"));
        String sql = """
                WITH direction(i, from_country, to_country, agreed) AS (VALUES %s),
                referral AS (
                    SELECT r.from_country, r.to_country, r.accepted_at, min(a.accepted_at) - r.accepted_at AS took
                    FROM message r
                    LEFT JOIN message a ON a.conversation_id = r.conversation_id AND a.type = 'REFERRAL_RESPONSE'
                        AND a.from_country = r.to_country AND a.to_country = r.from_country
                    WHERE r.type = 'REFERRAL' AND r.accepted_at >= ?
                    GROUP BY r.message_id, r.from_country, r.to_country, r.accepted_at)
                SELECT d.i, count(r.accepted_at), count(r.took),
                    floor(extract(epoch FROM percentile_disc(0.5) WITHIN GROUP (ORDER BY r.took)))::bigint,
                    floor(extract(epoch FROM max(r.took)))::bigint,
                    count(*) FILTER (WHERE r.took > make_interval(secs => d.agreed)),
                    count(*) FILTER (WHERE r.accepted_at IS NOT NULL AND r.took IS NULL
                        AND ? - r.accepted_at > make_interval(secs => d.agreed))
                FROM direction d
                LEFT JOIN referral r ON r.from_country = d.from_country AND r.to_country = d.to_country
                GROUP BY d.i ORDER BY d.i""".formatted(pairs);
        List<AgreementReport> reports = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            for (int i = 0; i < legs.size(); i++) {
                Leg d = legs.get(i);
                Duration agreed = d.agreement().responseTime();
                ps.setInt(p++, i);
                ps.setString(p++, d.from());
                ps.setString(p++, d.to());
                ps.setObject(p++, agreed == null ? null : agreed.toNanos() / 1e9, Types.DOUBLE);
            }
            ps.setObject(p++, since.atOffset(ZoneOffset.UTC));
            ps.setObject(p, now.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Leg d = legs.get(rs.getInt(1));
                    Duration agreed = d.agreement().responseTime();
                    long count = rs.getLong(2);
                    long responded = rs.getLong(3);
                    reports.add(new AgreementReport(d.agreement().id(), d.agreement().revision(), d.from(), d.to(),
                            agreed == null ? null : agreed.toSeconds(),
                            messages.getOrDefault(List.of(d.from(), d.to()), Map.of()), count, responded,
                            count - responded, rs.getObject(4, Long.class), rs.getObject(5, Long.class),
                            new AgreementReport.Breaches(rs.getLong(6), rs.getLong(7))));
                }
            }
        }
        return reports;
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
