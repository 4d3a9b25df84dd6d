package org.trm.testkit.process;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trm.testkit.pki.Pki;

/**
 * A gateway as a separate operating-system process from the packaged application (its
 * quarkus-app), with its own country, ports, database and certificates: what the federation really
 * runs. Can be stopped, killed with SIGKILL and started again on the same ports.
 */
public final class GatewayProcess implements AutoCloseable {
    /** The packaged gateway, seen from trm-gateway's own tests. */
    private static final Path OWN_APP = Path.of("target/quarkus-app/quarkus-run.jar");

    private final Path app;
    private final String country;
    private final int port;
    private final int managementPort;
    private final Map<String, String> config = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx256m"));
    private Path log;
    private Process process;

    /**
     * A gateway for trm-gateway's tests: the module's own package and {@link Pki#TEST}, with relay
     * and directory timings short enough that a test sees retries and reloads within seconds.
     */
    public GatewayProcess(String country, String database, String nodeUrl, Path directory) throws IOException {
        this(Pki.TEST, OWN_APP, country, database, nodeUrl, directory);
        config.put("trm.directory.poll-interval", "1s");
        config.put("trm.relay.initial-backoff", "200ms");
        config.put("trm.relay.max-backoff", "1s");
        config.put("trm.relay.poll-interval", "200ms");
        config.put("trm.relay.request-timeout", "3s");
        config.put("trm.monitoring.refresh", "2s");
    }

    /** A gateway of {@code app} with the certificates of {@code pki}, otherwise as configured by default. */
    public GatewayProcess(Pki pki, Path app, String country, String database, String nodeUrl, Path directory)
            throws IOException {
        this.app = app.toAbsolutePath();
        this.country = country;
        this.port = freePort();
        this.managementPort = freePort();
        config.put("quarkus.http.host", "127.0.0.1");
        config.put("quarkus.http.ssl-port", String.valueOf(port));
        config.put("quarkus.management.host", "127.0.0.1");
        config.put("quarkus.management.port", String.valueOf(managementPort));
        config.put("quarkus.tls.federation.key-store.p12.path", pki.keystore(country, "gateway").toString());
        config.put("quarkus.tls.federation.key-store.p12.password", pki.password());
        config.put("quarkus.tls.federation.trust-store.p12.path", pki.truststore().toString());
        config.put("quarkus.tls.federation.trust-store.p12.password", pki.password());
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/" + database);
        config.put("quarkus.datasource.username", "trm");
        config.put("quarkus.datasource.password", "trm");
        config.put("trm.country", country);
        config.put("trm.node.url", nodeUrl);
        config.put("trm.directory.location", directory.toString());
        config.put("trm.directory.operator-key", pki.operatorPublicKey().toString());
        config.put("trm.signing-key", pki.gatewaySigningKeyFile(country).toString());
        log = Path.of("target/it-logs/gateway-" + country.toLowerCase() + ".log").toAbsolutePath();
    }

    /** Sets a configuration key (a system property of the process). */
    public GatewayProcess with(String key, String value) {
        config.put(key, value);
        return this;
    }

    /** Replaces the JVM options (default: a 256 MB heap); they come after the configuration, so may override it. */
    public GatewayProcess jvm(List<String> options) {
        jvmOptions.clear();
        jvmOptions.addAll(options);
        return this;
    }

    /** Where the process writes its output (appended). */
    public GatewayProcess log(Path file) {
        log = file.toAbsolutePath();
        return this;
    }

    public String url() {
        return "https://127.0.0.1:" + port;
    }

    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public String country() {
        return country;
    }

    public Path log() {
        return log;
    }

    /** The running process, e.g. for its CPU time. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Starts the process; {@code cleanDatabase} empties its database first (first start only). */
    public GatewayProcess start(boolean cleanDatabase) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        if (cleanDatabase) {
            command.add("-Dquarkus.flyway.clean-at-start=true");
            command.add("-Dquarkus.flyway.clean-disabled=false");
        }
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(app.toString());
        Files.createDirectories(log.getParent());
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).directory(new File(".")).start();
        awaitReady();
        return this;
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException("gateway " + country + " exited: see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("gateway " + country + " not ready within 60 s: see " + log);
    }

    /** SIGKILL: no shutdown hooks, no flushing, whatever was in flight is cut off. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /** SIGTERM: a graceful stop. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
