package org.trm.gateway.directory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.quarkus.tls.TlsConfigurationRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jose4j.jwk.PublicJsonWebKey;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.problem.GatewayError;
import org.trm.gateway.problem.GatewayException;
import org.trm.gateway.relay.HopClient;
import org.trm.model.crypto.Jwks;
import org.trm.model.directory.Directory;
import org.trm.model.directory.DirectoryCodec;
import org.trm.model.problem.ProtocolException;

/**
 * The federation directory in use. Re-read when the signed file changes; a copy with a bad
 * signature or a version not newer than the current one is refused and the current one kept, so
 * that nobody can roll the federation back to an older set of keys or agreements.
 */
@Startup
@ApplicationScoped
public class DirectoryHolder {
    private static final Logger LOG = Logger.getLogger(DirectoryHolder.class);

    @Inject
    GatewayConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    TlsConfigurationRegistry tls;

    private PublicJsonWebKey operatorKey;
    private volatile Directory current;
    private volatile FileTime seenModified;
    private volatile long seenSize = -1;
    private volatile String seenContent;
    private HttpClient http;
    private Counter refused;

    @PostConstruct
    void init() {
        String key = config.directory().operatorKey().strip();
        operatorKey = key.startsWith("{") ? Jwks.parse(key) : Jwks.load(Path.of(key));
        refused = registry.counter("trm_gateway_directory_refused_total");
        Gauge.builder("trm_gateway_directory_version", this, h -> h.current == null ? 0 : h.current.version())
                .register(registry);
        reload();
    }

    public Directory current() {
        Directory d = current;
        if (d == null) {
            throw new GatewayException(GatewayError.DIRECTORY_UNAVAILABLE, "no valid federation directory loaded");
        }
        return d;
    }

    public Optional<Directory> loaded() {
        return Optional.ofNullable(current);
    }

    @Scheduled(every = "${trm.directory.poll-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        reload();
    }

    /** Reads the directory if it changed since the last look; returns whether a new one is in use. */
    synchronized boolean reload() {
        String location = config.directory().location();
        try {
            Optional<String> changed = location.startsWith("https://") || location.startsWith("http://")
                    ? fetchIfChanged(URI.create(location))
                    : readIfChanged(Path.of(location));
            if (changed.isEmpty()) {
                return false;
            }
            Directory candidate = DirectoryCodec.verify(changed.get(), operatorKey);
            Directory now = current;
            if (now != null && candidate.version() <= now.version()) {
                if (candidate.version() < now.version() || !candidate.equals(now)) {
                    refuse("version " + candidate.version() + " is not newer than version " + now.version());
                }
                return false;
            }
            current = candidate;
            LOG.infof("federation directory version %d in use (%d participants, %d agreements)",
                    candidate.version(), candidate.participants().size(), candidate.agreements().size());
            return true;
        } catch (ProtocolException e) {
            refuse(e.getMessage());
        } catch (IOException | RuntimeException e) {
            refuse("cannot read the directory: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private Optional<String> readIfChanged(Path file) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        long size = Files.size(file);
        if (modified.equals(seenModified) && size == seenSize) {
            return Optional.empty();
        }
        seenModified = modified;
        seenSize = size;
        return Optional.of(Files.readString(file));
    }

    /** A published directory: fetched over HTTPS trusting the federation CA (and the JDK's CAs if none is set). */
    private Optional<String> fetchIfChanged(URI uri) throws IOException, InterruptedException {
        if (http == null) {
            HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(10));
            tls.get(HopClient.TLS_NAME).ifPresent(t -> {
                try {
                    builder.sslContext(t.createSSLContext());
                } catch (Exception e) {
                    LOG.warn("federation TLS configuration unusable for fetching the directory; using the JDK's CAs");
                }
            });
            http = builder.build();
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(java.time.Duration.ofSeconds(20))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        String body = response.body();
        if (body.equals(seenContent)) {
            return Optional.empty();
        }
        seenContent = body;
        return Optional.of(body);
    }

    private void refuse(String why) {
        refused.increment();
        LOG.warnf("federation directory refused, keeping version %s: %s",
                current == null ? "none" : String.valueOf(current.version()), why);
    }
}
