package org.trm.gateway.operations;

import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.health.Readiness;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.directory.DirectoryHolder;
import org.trm.gateway.metrics.RelayMetrics;
import org.trm.gateway.problem.GatewayError;
import org.trm.gateway.problem.GatewayException;
import org.trm.gateway.relay.HopClient;
import org.trm.gateway.relay.HopResponse;
import org.trm.model.directory.Directory;
import org.trm.model.directory.Participant;
import org.trm.model.json.Json;

/** The federation at a glance, as this gateway sees it; nothing here reads a message's body. */
@ApplicationScoped
public class Operations {
    /** Dead letters counted for the overview; the list itself pages through /local/v1/dead-letters. */
    private static final int DEAD_LETTER_COUNT_CAP = 1000;

    @Inject
    GatewayConfig config;

    @Inject
    DirectoryHolder directory;

    @Inject
    RelayMetrics metrics;

    @Inject
    @Readiness
    CertificateExpiry certificates;

    @Inject
    DeadLetters deadLetters;

    @Inject
    HopClient hops;

    @Inject
    SmallRyeHealthReporter health;

    public record Partner(String country, String name, String status, String gatewayUrl) {
    }

    public record Queue(String peer, long depth, long oldestAgeSeconds) {
    }

    public record Certificate(String name, String subject, Instant notAfter, long daysLeft, boolean expiringSoon) {
    }

    public record Overview(String country, Integer directoryVersion, Instant directoryIssuedAt, List<Partner> partners,
            List<Queue> queues, List<Certificate> certificates, int deadLetters, boolean deadLettersCapped, Health health) {
    }

    /**
     * The gateway's readiness as its probe on the management port reports it (database, directory,
     * certificates...), for an operator who sees the gateway only through the node.
     */
    public record Health(String status, List<Check> checks) {
    }

    /** One readiness check and what it reports (days left, the reason it is down); never a message's content. */
    public record Check(String name, String status, Map<String, Object> data) {
    }

    /** A partner gateway's answer to a ping: reached or not, in how long, and what it said. */
    public record PingResult(String country, boolean reached, int status, long millis, Object answer, String failure) {
    }

    public Overview overview() {
        Directory d = directory.loaded().orElse(null);
        List<Partner> partners = new ArrayList<>();
        if (d != null) {
            for (Participant p : d.participants()) {
                if (!p.country().equals(config.country())) {
                    partners.add(new Partner(p.country(), p.name(), String.valueOf(p.status()), p.gatewayUrl()));
                }
            }
        }
        List<Queue> queues = new ArrayList<>();
        metrics.queueByPeer().forEach((peer, q) -> queues.add(new Queue(peer, q[0], q[1])));
        Instant now = Instant.now();
        Instant warnBefore = now.plus(config.certificateExpiryWarning());
        List<Certificate> certs = new ArrayList<>();
        for (Map.Entry<String, X509Certificate> e : certificates.certificates().entrySet()) {
            Instant notAfter = e.getValue().getNotAfter().toInstant();
            certs.add(new Certificate(e.getKey(), e.getValue().getSubjectX500Principal().getName(), notAfter,
                    Duration.between(now, notAfter).toDays(), notAfter.isBefore(warnBefore)));
        }
        int dead = deadLetters.list(DEAD_LETTER_COUNT_CAP).size();
        return new Overview(config.country(), d == null ? null : d.version(), d == null ? null : d.issuedAt(), partners,
                queues, certs, dead, dead >= DEAD_LETTER_COUNT_CAP, health());
    }

    private Health health() {
        JsonObject readiness = health.getReadiness().getPayload();
        List<Check> checks = new ArrayList<>();
        for (JsonValue value : readiness.getJsonArray("checks")) {
            JsonObject check = value.asJsonObject();
            Map<String, Object> data = new LinkedHashMap<>();
            JsonObject details = check.getJsonObject("data");
            if (details != null) {
                details.forEach((key, v) -> data.put(key, switch (v.getValueType()) {
                    case NUMBER -> ((JsonNumber) v).numberValue();
                    case TRUE -> true;
                    case FALSE -> false;
                    case STRING -> ((JsonString) v).getString();
                    default -> v.toString();
                }));
            }
            checks.add(new Check(check.getString("name"), check.getString("status"), data));
        }
        return new Health(readiness.getString("status"), checks);
    }

    public CompletionStage<PingResult> ping(String country) {
        Participant partner = directory.loaded().flatMap(d -> d.participant(country))
                .filter(p -> !p.country().equals(config.country()))
                .orElseThrow(() -> new GatewayException(GatewayError.NOT_FOUND, "no partner " + country + " in the directory"));
        long start = System.nanoTime();
        return hops.ping(partner.gatewayUrl()).thenApply(r -> result(country, r, (System.nanoTime() - start) / 1_000_000));
    }

    private static PingResult result(String country, HopResponse r, long millis) {
        Object answer = null;
        if (r.body() != null && !r.body().isBlank()) {
            try {
                answer = Json.MAPPER.readTree(r.body());
            } catch (IOException | RuntimeException e) {
                answer = null;
            }
        }
        boolean reached = r.status() >= 200 && r.status() < 300;
        return new PingResult(country, reached, r.status(), millis, answer, r.failure());
    }
}
