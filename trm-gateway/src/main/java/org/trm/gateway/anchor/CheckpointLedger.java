package org.trm.gateway.anchor;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.directory.DirectoryHolder;
import org.trm.gateway.problem.GatewayError;
import org.trm.gateway.problem.GatewayException;
import org.trm.model.anchor.AuditCheckpoint;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;

/**
 * The own node's audit checkpoints, kept append-only: each must be signed by a signing key of this
 * country that the directory lists, and none may go back behind the latest one or say another hash
 * for a sequence already held. Resending a checkpoint that is held already changes nothing.
 */
@ApplicationScoped
public class CheckpointLedger {
    /** A checkpoint is a few hundred characters; anything far larger is not one. */
    static final int MAX_CHARS = 4096;

    @Inject
    GatewayConfig config;

    @Inject
    DirectoryHolder directory;

    @Inject
    CheckpointRepository checkpoints;

    private EnvelopeVerifier verifier;

    @PostConstruct
    void init() {
        verifier = new EnvelopeVerifier(directory::current, Clock.systemUTC());
    }

    /** What became of a checkpoint: {@code created} false when the same one was held already. */
    public record Appended(CheckpointView checkpoint, boolean created) {
    }

    @Transactional
    public Appended append(byte[] body) {
        if (body.length > MAX_CHARS) {
            throw new ProtocolException(ProblemType.TOO_LARGE, "a checkpoint has at most " + MAX_CHARS + " characters");
        }
        AuditCheckpoint.Signed signed = AuditCheckpoint.verify(new String(body, StandardCharsets.ISO_8859_1).strip(), verifier);
        AuditCheckpoint c = signed.checkpoint();
        if (!c.country().equals(config.country())) {
            throw new ProtocolException(ProblemType.SENDER_MISMATCH, "a checkpoint of another country's node");
        }
        checkpoints.lockForAppend();
        Optional<AnchoredCheckpoint> held = checkpoints.findByIdOptional(c.seq());
        if (held.isPresent()) {
            if (held.get().hash.equals(c.hash())) {
                return new Appended(CheckpointView.of(held.get()), false);
            }
            throw new GatewayException(GatewayError.CHECKPOINT_REWIND, "entry " + c.seq()
                    + " was checkpointed with another hash at " + held.get().issuedAt);
        }
        Optional<AnchoredCheckpoint> latest = checkpoints.latest();
        if (latest.isPresent() && latest.get().seq > c.seq()) {
            throw new GatewayException(GatewayError.CHECKPOINT_REWIND, "entry " + c.seq()
                    + " is behind the latest checkpoint, entry " + latest.get().seq + " at " + latest.get().issuedAt);
        }
        AnchoredCheckpoint stored = AnchoredCheckpoint.of(signed, Instant.now().truncatedTo(ChronoUnit.MICROS));
        checkpoints.persist(stored);
        return new Appended(CheckpointView.of(stored), true);
    }

    @Transactional
    public Optional<CheckpointView> latest() {
        return checkpoints.latest().map(CheckpointView::of);
    }

    /** Checkpoints in sequence order from the first after {@code seq}. */
    @Transactional
    public List<CheckpointView> after(long seq, int limit) {
        return checkpoints.after(seq, limit).stream().map(CheckpointView::of).toList();
    }
}
