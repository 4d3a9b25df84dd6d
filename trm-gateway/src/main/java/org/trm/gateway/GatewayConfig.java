package org.trm.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.trm.gateway.operations.Retention;
import org.trm.model.directory.Directory;

/** The gateway's settings (prefix {@code trm}); TLS material is configured through the Quarkus TLS registry. */
@ConfigMapping(prefix = "trm")
public interface GatewayConfig {

    /** The TLS registry name of the gateway's certificate and truststore ({@code quarkus.tls.federation.*}), server and client side. */
    String TLS_NAME = "federation";

    /** ISO 3166 alpha-2 code of the country this gateway serves, e.g. AT. */
    String country();

    /**
     * Largest envelope (JWS bytes) accepted on either endpoint: no more than a receiving node reads
     * in one delivery (nrm-node: 64 KiB), or a larger one would be relayed only to end as a dead
     * letter at the last hop.
     */
    @WithDefault("65536")
    int maxEnvelopeBytes();

    /** Most envelopes accepted in one batch request; each is also held to the envelope limit. */
    @WithDefault("256")
    int maxBatchEnvelopes();

    /**
     * Path of this gateway's private signing JWK (kid {@code <CC>-gw-sig-<n>}, listed among the
     * country's gateway keys in the directory), with which it signs its DELIVERY_FAILURE signals.
     */
    String signingKey();

    Node node();

    Directory directory();

    Relay relay();

    Retention retention();

    Monitoring monitoring();

    /** Certificates expiring within this period show as DOWN-to-be in health details and in metrics. */
    @WithDefault("30d")
    Duration certificateExpiryWarning();

    interface Node {
        /** Base URL of the local node's mTLS endpoint; envelopes go to {@code <url>/federation/v1/inbox}. */
        String url();

        /**
         * Most characters of envelopes delivered to the node in one batch: below the node's request
         * size limit (64 KiB for nrm-node), so that a busy relay's batches are not refused as a whole.
         */
        @WithDefault("61440")
        int maxBatchChars();
    }

    interface Directory {
        /** The signed federation directory (federation.jws): a file path, or an https:// URL where it is published. */
        String location();

        /** Path of the federation operator's public JWK (or the JWK JSON itself). */
        String operatorKey();

        /** How often the directory is checked for changes. */
        @WithDefault("5s")
        Duration pollInterval();
    }

    interface Relay {
        /** Whether this instance runs forwarding and delivery workers (replicas may share one database). */
        @WithDefault("true")
        boolean enabled();

        /** Most envelopes of one direction on their way to the next hop at once (leased, not yet recorded). */
        @WithDefault("256")
        int maxInFlight();

        /** Most envelopes leased in one claim. */
        @WithDefault("64")
        int batchSize();

        /** Delay before the first retry; doubled on each failure, with jitter. */
        @WithDefault("2s")
        Duration initialBackoff();

        /** Longest delay between retries. */
        @WithDefault("5m")
        Duration maxBackoff();

        /**
         * The longest an idle worker stays away from the store. It sleeps until the first waiting
         * message is due, or until work of its own instance wakes it, and looks at least this often
         * for work that reached the store otherwise (accepted by another replica, which sends it
         * itself unless it dies). No longer than the lease, so that what a dead replica leased is
         * still taken when its lease ends.
         */
        @WithDefault("5s")
        Duration pollInterval();

        /**
         * How long a leased message is kept from other workers and replicas unless renewed: what an
         * instance killed mid-send leaves is sent again this soon after. Renewed every
         * {@code trm.relay.lease-renewal} (2 s) while the message is on its way.
         */
        @WithDefault("6s")
        Duration lease();

        /** How often the leases of messages on their way are renewed (read by the scheduler). */
        @WithDefault("2s")
        Duration leaseRenewal();

        /** Timeout of one forward or delivery request. */
        @WithDefault("10s")
        Duration requestTimeout();

        /** How long an operator's retry of a dead letter keeps trying. */
        @WithDefault("1h")
        Duration retryWindow();

        /** Connections per peer in the HTTP client pool. */
        @WithDefault("16")
        int connectionsPerPeer();
    }

    interface Monitoring {
        /** How far back agreement monitoring looks: referrals accepted earlier are left out. */
        @WithDefault("365d")
        Duration window();

        /** How often the agreement gauges are recomputed. */
        @WithDefault("60s")
        Duration refresh();
    }

    interface Retention {
        /** How long the body of a receipted message is kept before it is purged. */
        @WithDefault("30d")
        Duration body();

        /** How often the retention purge runs. */
        @WithDefault("1h")
        Duration purgeInterval();
    }
}
