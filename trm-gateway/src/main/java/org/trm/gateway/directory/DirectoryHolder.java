package org.trm.gateway.directory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jose4j.jwk.PublicJsonWebKey;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.problem.GatewayError;
import org.trm.gateway.problem.GatewayException;
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

    private PublicJsonWebKey operatorKey;
    private volatile Directory current;
    private volatile FileTime seenModified;
    private volatile long seenSize = -1;
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

    /** Reads the file if it changed since the last look; returns whether a new directory is in use. */
    synchronized boolean reload() {
        Path file = Path.of(config.directory().location());
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (modified.equals(seenModified) && size == seenSize) {
                return false;
            }
            seenModified = modified;
            seenSize = size;
            Directory candidate = DirectoryCodec.verify(Files.readString(file), operatorKey);
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
            refuse("cannot read " + file.getFileName() + ": " + e.getClass().getSimpleName());
        }
        return false;
    }

    private void refuse(String why) {
        refused.increment();
        LOG.warnf("federation directory refused, keeping version %s: %s",
                current == null ? "none" : String.valueOf(current.version()), why);
    }
}
