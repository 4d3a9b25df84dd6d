package org.trm.nrm.referral;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.jose4j.jwk.PublicJsonWebKey;
import org.trm.model.crypto.Jwks;
import org.trm.model.directory.Directory;
import org.trm.model.directory.DirectoryStore;
import org.trm.model.directory.Participant;
import org.trm.model.envelope.EnvelopeSigner;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.nrm.NrmConfig;
import org.trm.model.problem.ProblemType;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.NrmException;

/**
 * This node's place in the federation: its keys, the directory in use, and the signer and verifier
 * built on them. Loaded at start-up so that a node with bad key material fails at once, not at the
 * first referral.
 */
@Startup
@ApplicationScoped
public class Federation {
    private static final Logger LOG = Logger.getLogger(Federation.class);

    @Inject
    FederationConfig config;

    @Inject
    NrmConfig nrm;

    /** Each directory taken on a refresh, as signed: the evidence feature keeps every revision. */
    @Inject
    Event<DirectoryStore.Signed> directoryTaken;

    private DirectoryStore directory;
    private PublicJsonWebKey operatorKey;
    private PublicJsonWebKey signingKey;
    private EnvelopeSigner signer;
    private EnvelopeVerifier verifier;
    private List<PublicJsonWebKey> encryptionKeys;

    @PostConstruct
    void load() {
        if (!config.enabled()) {
            return;
        }
        operatorKey = Jwks.load(required(config.operatorKey(), "nrm.federation.operator-key"));
        directory = new DirectoryStore(required(config.directory(), "nrm.federation.directory"), operatorKey);
        signingKey = Jwks.load(required(config.signingKey(), "nrm.federation.signing-key"));
        signer = new EnvelopeSigner(signingKey);
        encryptionKeys = required(config.encryptionKeys(), "nrm.federation.encryption-keys").stream()
                .map(Jwks::load).toList();
        verifier = new EnvelopeVerifier(directory::current, Clock.systemUTC());
        if (!signer.kid().startsWith(nrm.country() + "-")) {
            throw new IllegalStateException("the signing key's kid does not belong to " + nrm.country());
        }
        LOG.infof("federation: country %s, directory version %d, signing key %s", nrm.country(),
                directory.current().version(), signer.kid());
    }

    @Scheduled(every = "5s", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refreshDirectory() {
        if (directory != null) {
            int before = directory.current().version();
            directory.refresh().ifPresentOrElse(
                    refused -> LOG.warnf("federation directory update refused (%s): %s", refused.problem(),
                            refused.getMessage()),
                    () -> {
                        if (directory.current().version() != before) {
                            LOG.infof("federation directory version %d in use", directory.current().version());
                            directoryTaken.fire(directory.signed().orElseThrow());
                        }
                    });
        }
    }

    public FederationConfig config() {
        return config;
    }

    public String country() {
        return nrm.country();
    }

    public Directory directory() {
        return enabled().directory.current();
    }

    /** The directory in use as the operator signed it: evidence of the keys this node trusted. */
    public DirectoryStore.Signed signedDirectory() {
        return enabled().directory.signed().orElseThrow();
    }

    /** The operator's public key, the trust anchor of every directory. */
    public PublicJsonWebKey operatorKey() {
        return enabled().operatorKey;
    }

    /** The node's signing key, for what the node signs besides envelopes (evidence manifests). */
    public PublicJsonWebKey signingKey() {
        return enabled().signingKey;
    }

    public EnvelopeSigner signer() {
        return enabled().signer;
    }

    public EnvelopeVerifier verifier() {
        return enabled().verifier;
    }

    public List<PublicJsonWebKey> encryptionKeys() {
        return enabled().encryptionKeys;
    }

    /** The partner's current encryption key; a partner without one (none listed, or all expired) cannot be written to. */
    public PublicJsonWebKey encryptionKeyOf(String country) {
        return directory().participant(country).filter(Participant::active).flatMap(p -> p.encryptionKey(Instant.now()))
                .orElseThrow(() -> new NrmException(ProblemType.NO_AGREEMENT, country + " is not an active participant with a valid encryption key"));
    }

    private Federation enabled() {
        if (directory == null) {
            throw new NrmException(ErrorCode.FEDERATION_DISABLED, "this node is not connected to the federation");
        }
        return this;
    }

    private static <T> T required(java.util.Optional<T> value, String key) {
        return value.orElseThrow(() -> new IllegalStateException(key + " must be set when the federation is enabled"));
    }
}
