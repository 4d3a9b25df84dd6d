package org.trm.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway (target/quarkus-app) with the settings of a deployment but no country: it
 * must refuse to start and name the missing setting, since it would not know whose border it keeps.
 */
class NoCountryIT {
    private static final Path PKI = Path.of("target/pki").toAbsolutePath();

    @Test
    void shouldRefuseToStartWhenNoCountryIsConfigured() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.ssl-port=0",
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=0",
                "-Dquarkus.tls.federation.key-store.p12.path=" + PKI.resolve("at/gateway.p12"),
                "-Dquarkus.tls.federation.key-store.p12.password=changeit",
                "-Dquarkus.tls.federation.trust-store.p12.path=" + PKI.resolve("truststore.p12"),
                "-Dquarkus.tls.federation.trust-store.p12.password=changeit",
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5432/gw_test_a",
                "-Dquarkus.datasource.username=trm", "-Dquarkus.datasource.password=trm",
                "-Dtrm.node.url=https://127.0.0.1:9",
                "-Dtrm.directory.location=" + PKI.resolve("federation.jws"),
                "-Dtrm.directory.operator-key=" + PKI.resolve("operator/operator-public.jwk"),
                "-jar", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString());
        // An empty working directory: no .env or config/application.properties can supply a country.
        Path workDir = Files.createTempDirectory("gateway-no-country");
        Path log = workDir.resolve("gateway.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("TRM_COUNTRY");

        Process gateway = builder.start();
        gateway.getOutputStream().close();
        // A gateway that started anyway would not exit: the bound only keeps the build from hanging.
        boolean exited = gateway.waitFor(3, TimeUnit.MINUTES);
        if (!exited) {
            gateway.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);

        assertTrue(exited, "the gateway started without a country:\n" + output);
        assertNotEquals(0, gateway.exitValue(), output);
        assertTrue(output.contains("The config property trm.country is required"), output);
        assertFalse(output.contains("Listening on"), output);
    }
}
