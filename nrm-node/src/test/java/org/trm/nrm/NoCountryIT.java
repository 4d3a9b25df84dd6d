package org.trm.nrm;

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
 * The packaged node given everything a deployment sets except its country: it must refuse to start
 * and say which setting is missing, rather than number its cases as another country's.
 */
class NoCountryIT {
    private static final Path PKI = Path.of("target/pki").toAbsolutePath();

    @Test
    void shouldRefuseToStartWhenNoCountryIsConfigured() throws Exception {
        PackagedApp.Run run = PackagedApp.runUntilExit(Map.ofEntries(
                Map.entry("quarkus.http.host", "127.0.0.1"), Map.entry("quarkus.http.port", "0"),
                Map.entry("quarkus.http.ssl-port", "0"),
                Map.entry("quarkus.management.host", "127.0.0.1"), Map.entry("quarkus.management.port", "0"),
                Map.entry("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/nrm_test"),
                Map.entry("quarkus.datasource.username", "trm"), Map.entry("quarkus.datasource.password", "trm"),
                Map.entry("mp.jwt.verify.publickey.location",
                        Path.of("src/test/resources/jwt/publicKey.pem").toUri().toString()),
                Map.entry("mp.jwt.verify.issuer", "https://test.trm.local/realms/nrm-at"),
                Map.entry("quarkus.tls.federation.key-store.p12.path", PKI.resolve("at/node.p12").toString()),
                Map.entry("quarkus.tls.federation.key-store.p12.password", "changeit"),
                Map.entry("quarkus.tls.federation.trust-store.p12.path", PKI.resolve("truststore.p12").toString()),
                Map.entry("quarkus.tls.federation.trust-store.p12.password", "changeit")),
                List.of("NRM_COUNTRY"), Duration.ofMinutes(3));

        assertTrue(run.exited(), "the node started without a country:\n" + run.output());
        assertNotEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("The config property nrm.country is required"), run.output());
        assertFalse(run.output().contains("Listening on"), run.output());
    }
}
