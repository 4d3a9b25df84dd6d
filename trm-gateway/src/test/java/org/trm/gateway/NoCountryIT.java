package org.trm.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trm.testkit.process.PackagedApp;

/**
 * The packaged gateway with the settings of a deployment but no country: it must refuse to start
 * and name the missing setting, since it would not know whose border it keeps.
 */
class NoCountryIT {
    private static final Path PKI = Path.of("target/pki").toAbsolutePath();

    @Test
    void shouldRefuseToStartWhenNoCountryIsConfigured() throws Exception {
        PackagedApp.Run run = PackagedApp.runUntilExit(Map.ofEntries(
                Map.entry("quarkus.http.host", "127.0.0.1"), Map.entry("quarkus.http.ssl-port", "0"),
                Map.entry("quarkus.management.host", "127.0.0.1"), Map.entry("quarkus.management.port", "0"),
                Map.entry("quarkus.tls.federation.key-store.p12.path", PKI.resolve("at/gateway.p12").toString()),
                Map.entry("quarkus.tls.federation.key-store.p12.password", "changeit"),
                Map.entry("quarkus.tls.federation.trust-store.p12.path", PKI.resolve("truststore.p12").toString()),
                Map.entry("quarkus.tls.federation.trust-store.p12.password", "changeit"),
                Map.entry("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/gw_test_a"),
                Map.entry("quarkus.datasource.username", "trm"), Map.entry("quarkus.datasource.password", "trm"),
                Map.entry("trm.node.url", "https://127.0.0.1:9"),
                Map.entry("trm.directory.location", PKI.resolve("federation.jws").toString()),
                Map.entry("trm.directory.operator-key", PKI.resolve("operator/operator-public.jwk").toString()),
                Map.entry("trm.signing-key", PKI.resolve("at/gateway-sig-1.jwk").toString())),
                List.of("TRM_COUNTRY"), Duration.ofMinutes(3));

        assertTrue(run.exited(), "the gateway started without a country:\n" + run.output());
        assertNotEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("The config property trm.country is required"), run.output());
        assertFalse(run.output().contains("Listening on"), run.output());
    }
}
