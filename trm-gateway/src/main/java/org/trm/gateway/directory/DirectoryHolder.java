package org.trm.gateway.directory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.jboss.logging.Logger;
import org.jose4j.jwk.PublicJsonWebKey;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.problem.GatewayError;
import org.trm.gateway.problem.GatewayException;
import org.trm.model.crypto.Jwks;
import org.trm.model.directory.Directory;
import org.trm.model.directory.DirectoryStore;
import org.trm.model.problem.ProtocolException;

/**
 * The federation directory in use, polled from its file or HTTPS location. Which copy may replace
 * the one in use is {@link DirectoryStore}'s rule (signed by the operator, newer): the same for
 * the node and the gateway. Counts the refused copies and shows the version in use as metrics.
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

    private DirectoryStore store;
    private Counter refused;

    @PostConstruct
    void init() {
        String key = config.directory().operatorKey().strip();
        PublicJsonWebKey operatorKey = key.startsWith("{") ? Jwks.parse(key) : Jwks.load(Path.of(key));
        store = new DirectoryStore(source(config.directory().location()), operatorKey);
        refused = registry.counter("trm_gateway_directory_refused_total");
        Gauge.builder("trm_gateway_directory_version", this, h -> h.loaded().map(Directory::version).orElse(0))
                .register(registry);
        reload();
    }

    private DirectoryStore.Source source(String location) {
        if (location.startsWith("https://") || location.startsWith("http://")) {
            return new HttpsDirectorySource(URI.create(location), federationTls());
        }
        return DirectoryStore.file(Path.of(location));
    }

    private Optional<SSLContext> federationTls() {
        return tls.get(GatewayConfig.TLS_NAME).flatMap(t -> {
            try {
                return Optional.of(t.createSSLContext());
            } catch (Exception e) {
                LOG.warn("federation TLS configuration unusable for fetching the directory; using the JDK's CAs");
                return Optional.empty();
            }
        });
    }

    /** The directory in use; refused as {@code directory-unavailable} while none was ever loaded. */
    public Directory current() {
        return loaded().orElseThrow(
                () -> new GatewayException(GatewayError.DIRECTORY_UNAVAILABLE, "no valid federation directory loaded"));
    }

    public Optional<Directory> loaded() {
        return store.loaded();
    }

    @Scheduled(every = "${trm.directory.poll-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        reload();
    }

    /** Reads the directory if it changed since the last look; returns whether a new one is in use. */
    synchronized boolean reload() {
        Optional<Directory> before = store.loaded();
        Optional<ProtocolException> refusal = store.refresh();
        if (refusal.isPresent()) {
            refused.increment();
            LOG.warnf("federation directory refused, keeping version %s: %s",
                    before.map(d -> String.valueOf(d.version())).orElse("none"), refusal.get().getMessage());
            return false;
        }
        Optional<Directory> after = store.loaded();
        if (after.isEmpty() || after.get() == before.orElse(null)) {
            return false;
        }
        Directory d = after.get();
        LOG.infof("federation directory version %d in use (%d participants, %d agreements)", d.version(),
                d.participants().size(), d.agreements().size());
        return true;
    }
}
