package org.trm.nrm.followup;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.trm.model.followup.FollowUpReport.Leg;
import org.trm.nrm.referral.FederationConfig;

/**
 * The live follow-up figures as Prometheus gauges, per agreement, revision and leg
 * ({@code from}, {@code to}), over the last {@code nrm.follow-up.window}: referrals by outcome
 * ({@code nrm_agreement_referrals}), the median and 90th percentile of the time to answer
 * ({@code nrm_agreement_answer_seconds}, NaN while none is answered) and the breaches of the agreed
 * time ({@code nrm_agreement_breaches}, kind {@code late} or {@code overdue}). The node's own figures:
 * the gateway's transport figures are its own {@code trm_gateway_agreement_*} gauges.
 */
@ApplicationScoped
public class FollowUpGauges {
    /** The refresh interval's default, for the schedule and the configuration alike. */
    static final String REFRESH = "60s";

    @Inject
    FollowUpService service;

    @Inject
    FollowUpConfig config;

    @Inject
    FederationConfig federation;

    @Inject
    MeterRegistry registry;

    /** Each gauge's value, as the bits of a double (NaN for a time not measured yet). */
    private final Map<Tags, AtomicLong> gauges = new ConcurrentHashMap<>();

    @Scheduled(every = "${nrm.follow-up.refresh:" + REFRESH + "}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        if (!federation.enabled()) {
            return;
        }
        Instant now = Instant.now();
        for (String id : service.agreements()) {
            for (Leg leg : service.legs(id, now.minus(config.window()), now)) {
                Tags tags = Tags.of("agreement", id, "revision", String.valueOf(leg.revision()), "from", leg.from(),
                        "to", leg.to());
                set("nrm.agreement.referrals", tags.and("outcome", "accepted"), leg.accepted());
                set("nrm.agreement.referrals", tags.and("outcome", "declined"), leg.declined());
                set("nrm.agreement.referrals", tags.and("outcome", "unanswered"), leg.unanswered());
                set("nrm.agreement.referrals", tags.and("outcome", "withdrawn"), leg.withdrawn());
                set("nrm.agreement.referrals", tags.and("outcome", "failed"), leg.failed());
                set("nrm.agreement.answer.seconds", tags.and("quantile", "0.5"), seconds(leg.medianAnswerSeconds()));
                set("nrm.agreement.answer.seconds", tags.and("quantile", "0.9"), seconds(leg.p90AnswerSeconds()));
                set("nrm.agreement.breaches", tags.and("kind", "late"), leg.answeredLate());
                set("nrm.agreement.breaches", tags.and("kind", "overdue"), leg.unansweredPastAgreed());
            }
        }
    }

    private static double seconds(Long value) {
        return value == null ? Double.NaN : value;
    }

    private void set(String name, Tags tags, double value) {
        gauges.computeIfAbsent(tags.and("name", name), key -> {
            AtomicLong bits = new AtomicLong(Double.doubleToLongBits(Double.NaN));
            Gauge.builder(name, bits, b -> Double.longBitsToDouble(b.get())).tags(tags).register(registry);
            return bits;
        }).set(Double.doubleToLongBits(value));
    }
}
