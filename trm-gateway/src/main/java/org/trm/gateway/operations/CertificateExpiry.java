package org.trm.gateway.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.trm.gateway.GatewayConfig;

/**
 * The gateway's TLS certificate and trusted CAs, with days to expiry as a health detail and a
 * metric ({@code trm_gateway_certificate_expiry_days}), so that expiry is seen weeks before it
 * breaks the federation. Expired material makes the gateway not ready.
 */
@Readiness
@ApplicationScoped
public class CertificateExpiry implements HealthCheck {

    @Inject
    TlsConfigurationRegistry tls;

    @Inject
    GatewayConfig config;

    @Inject
    MeterRegistry registry;

    void register(@Observes StartupEvent event) {
        certificates().forEach((name, cert) -> Gauge.builder("trm.gateway.certificate.expiry.days", cert,
                c -> Duration.between(Instant.now(), c.getNotAfter().toInstant()).toHours() / 24.0)
                .tag("certificate", name).register(registry));
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named("certificates").up();
        Instant now = Instant.now();
        Instant warnBefore = now.plus(config.certificateExpiryWarning());
        boolean expiringSoon = false;
        for (Map.Entry<String, X509Certificate> e : certificates().entrySet()) {
            Instant notAfter = e.getValue().getNotAfter().toInstant();
            health.withData(e.getKey() + ".daysLeft", Duration.between(now, notAfter).toDays());
            if (!notAfter.isAfter(now)) {
                health.down();
            }
            expiringSoon |= notAfter.isBefore(warnBefore);
        }
        return health.withData("expiringSoon", expiringSoon).build();
    }

    /** The own certificate and the trusted CAs, by store and alias (also shown to operators, OperationsResource). */
    Map<String, X509Certificate> certificates() {
        Map<String, X509Certificate> result = new LinkedHashMap<>();
        TlsConfiguration own = tls.get(GatewayConfig.TLS_NAME).orElse(null);
        if (own == null) {
            return result;
        }
        collect("keystore", own.getKeyStore(), result);
        collect("truststore", own.getTrustStore(), result);
        return result;
    }

    private static void collect(String prefix, KeyStore store, Map<String, X509Certificate> into) {
        if (store == null) {
            return;
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                Certificate cert = store.getCertificate(alias);
                if (cert instanceof X509Certificate x) {
                    into.put(prefix + "." + alias, x);
                }
            }
        } catch (KeyStoreException e) {
            // An unreadable store would already have failed TLS start-up; nothing to report here.
        }
    }
}
