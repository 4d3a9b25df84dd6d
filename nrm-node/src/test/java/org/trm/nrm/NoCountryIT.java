package org.trm.nrm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged node (target/quarkus-app) given everything a deployment sets except its country:
 * it must refuse to start and say which setting is missing, rather than number its cases as
 * another country's.
 */
class NoCountryIT {
    private static final Path APP = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    private static final Path PKI = Path.of("target/pki").toAbsolutePath();

    @Test
    void shouldRefuseToStartWhenNoCountryIsConfigured() throws Exception {
        // An empty working directory: no .env or config/application.properties can supply a country.
        Path workDir = Files.createTempDirectory("nrm-no-country");
        Path log = workDir.resolve("node.log");
        ProcessBuilder builder = new ProcessBuilder(javaCommand(), "-jar", APP.toString())
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.remove("NRM_COUNTRY");
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("QUARKUS_HTTP_SSL_PORT", "0");
        env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        env.put("QUARKUS_MANAGEMENT_PORT", "0");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/nrm_test");
        env.put("QUARKUS_DATASOURCE_USERNAME", "trm");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "trm");
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", Path.of("src/test/resources/jwt/publicKey.pem").toUri().toString());
        env.put("MP_JWT_VERIFY_ISSUER", "https://test.trm.local/realms/nrm-at");
        env.put("QUARKUS_TLS_FEDERATION_KEY_STORE_P12_PATH", PKI.resolve("at/node.p12").toString());
        env.put("QUARKUS_TLS_FEDERATION_KEY_STORE_P12_PASSWORD", "changeit");
        env.put("QUARKUS_TLS_FEDERATION_TRUST_STORE_P12_PATH", PKI.resolve("truststore.p12").toString());
        env.put("QUARKUS_TLS_FEDERATION_TRUST_STORE_P12_PASSWORD", "changeit");

        Process process = builder.start();
        process.getOutputStream().close();
        // A node that started anyway would never exit: the bound only keeps the build from hanging.
        boolean exited = process.waitFor(3, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);

        assertTrue(exited, "the node started without a country:\n" + output);
        assertNotEquals(0, process.exitValue(), output);
        assertTrue(output.contains("The config property nrm.country is required"), output);
        assertFalse(output.contains("Listening on"), output);
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
