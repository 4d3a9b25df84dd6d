package org.trm.gateway.operations;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.store.MessageRepository;

/**
 * Purges the stored body (the JWS) of messages receipted longer ago than {@code trm.retention.body}:
 * once the recipient has signed for it, the gateway has no reason to keep even ciphertext. The
 * header, the hash and the link to the receipt stay as evidence.
 */
@ApplicationScoped
public class Retention {
    private static final Logger LOG = Logger.getLogger(Retention.class);

    @Inject
    GatewayConfig config;

    @Inject
    MessageRepository messages;

    @Scheduled(every = "${trm.retention.purge-interval:1h}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        purge();
    }

    @Transactional
    public int purge() {
        Instant now = Instant.now();
        int purged = messages.purgeBodies(now.minus(config.retention().body()), now);
        if (purged > 0) {
            LOG.infof("retention: purged the bodies of %d receipted messages", purged);
        }
        return purged;
    }
}
