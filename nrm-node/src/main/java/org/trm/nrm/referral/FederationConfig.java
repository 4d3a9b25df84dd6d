package org.trm.nrm.referral;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How this node takes part in the federation. Key material comes from files, never from here. */
@ConfigMapping(prefix = "nrm.federation")
public interface FederationConfig {

    /** Whether this node sends and receives transnational messages; off, those endpoints answer 503. */
    @WithDefault("false")
    boolean enabled();

    /** Base URL of this country's gateway (HTTPS, mutual TLS with the node certificate). */
    Optional<URI> gatewayUrl();

    /** JWK file of the node's signing key (private part included). */
    Optional<Path> signingKey();

    /** JWK files of the node's encryption keys, current and rotated-out ones still able to decrypt. */
    Optional<List<Path>> encryptionKeys();

    /** The federation directory as signed by the operator (federation.jws). */
    Optional<Path> directory();

    /** The operator's public JWK that signs the directory. */
    Optional<Path> operatorKey();

    /** How long a message may take to arrive before it is given up as FAILED. */
    @WithDefault("P7D")
    Duration messageTtl();

    /** Longest wait between two attempts to hand a message to the gateway. */
    @WithDefault("PT1M")
    Duration maxRetryDelay();

    /** Certificates of the node's link (TLS configuration {@code federation}) and directory keys of the node expiring sooner are marked for renewal. */
    @WithDefault("30d")
    Duration certificateExpiryWarning();
}
