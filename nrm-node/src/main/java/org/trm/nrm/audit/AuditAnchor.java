package org.trm.nrm.audit;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.trm.model.anchor.AuditCheckpoint;
import org.trm.model.crypto.Jwks;
import org.trm.model.envelope.EnvelopeSigner;
import org.trm.nrm.NrmConfig;
import org.trm.nrm.audit.AuditTrail.Head;
import org.trm.nrm.audit.AuditTrail.Verification;
import org.trm.nrm.audit.CheckpointClient.Held;

/**
 * Anchors the audit trail outside the node's database. The chain alone cannot show that its newest
 * entries were deleted together with the head that points at them; so the node signs its head
 * (sequence and hash) at least every minute and on each verification, and its gateway keeps these
 * checkpoints append-only. A verification then holds the chain against every checkpoint: one
 * beyond the chain's end is a cut tail, one whose entry has another hash a rewritten chain.
 * Database reads and the calls to the gateway never overlap: no connection waits on the gateway.
 */
@ApplicationScoped
public class AuditAnchor {
    /** The checkpoint interval's default, for the schedule and the configuration alike. */
    static final String INTERVAL = "60s";
    private static final Logger LOG = Logger.getLogger(AuditAnchor.class);
    private static final int PAGE = 500;

    @ConfigProperty(name = "nrm.federation.enabled", defaultValue = "false")
    boolean federation;

    @ConfigProperty(name = "nrm.federation.signing-key")
    Optional<Path> signingKey;

    @Inject
    NrmConfig nrm;

    @Inject
    AuditTrail trail;

    @Inject
    CheckpointClient gateway;

    private EnvelopeSigner signer;

    /** How the chain stands against the checkpoints its gateway holds. */
    public enum State {
        /** The gateway answered and no checkpoint contradicts the chain. */
        ANCHORED,
        /** Nothing to compare with (no federation, gateway unreachable): the chain is checked against itself only. */
        NOT_ANCHORED,
        /** A checkpoint the node signed earlier shows entries cut or rewritten. */
        CONTRADICTED
    }

    /**
     * {@code checkpointSeq} and {@code checkpointIssuedAt}: the latest checkpoint that matches the
     * chain (the fresh one when the gateway took it); {@code checkpointsCompared}: how many did.
     */
    public record Anchor(State state, Long checkpointSeq, Instant checkpointIssuedAt, int checkpointsCompared,
            String reason) {
        static Anchor notAnchored(String reason) {
            return new Anchor(State.NOT_ANCHORED, null, null, 0, reason);
        }
    }

    @Scheduled(every = "${nrm.audit.checkpoint-interval:" + INTERVAL + "}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        if (federation) {
            checkpoint();
        }
    }

    /** A checkpoint and the gateway's answer, null when the gateway could not be reached. */
    record Handed(AuditCheckpoint checkpoint, CheckpointClient.Answer answer) {
    }

    /** Signs the committed head and hands it to the gateway; one log line when that fails. */
    Handed checkpoint() {
        Head head = trail.head();
        AuditCheckpoint checkpoint = AuditCheckpoint.of(nrm.country(), head.seq(), head.hash(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try {
            CheckpointClient.Answer answer = gateway.hand(checkpoint.sign(signer()));
            if (!answer.taken()) {
                LOG.warnf("audit checkpoint of entry %d refused by the gateway: %s (%s)", head.seq(),
                        answer.problemType(), answer.detail());
            }
            return new Handed(checkpoint, answer);
        } catch (IOException e) {
            LOG.warnf("audit checkpoint of entry %d not handed to the gateway: it could not be reached", head.seq());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Handed(checkpoint, null);
    }

    /** The chain checked against itself, then against every checkpoint; a fresh one if all fits. */
    public Verification verify() {
        Verification chain = trail.verify();
        if (!federation) {
            return chain.anchored(Anchor.notAnchored("this node is not connected to the federation"));
        }
        long after = -1;
        int compared = 0;
        Held matched = null;
        try {
            List<Held> page;
            do {
                page = gateway.after(after, PAGE);
                Map<Long, String> hashes = trail.hashesAt(page.stream().map(Held::seq).toList());
                for (Held held : page) {
                    String actual = held.seq() == 0 ? AuditCheckpoint.GENESIS : hashes.get(held.seq());
                    if (!held.hash().equals(actual)) {
                        return contradiction(chain, held, actual, matched, compared);
                    }
                    matched = held;
                    compared++;
                }
                after = page.isEmpty() ? after : page.get(page.size() - 1).seq();
            } while (page.size() == PAGE);
        } catch (IOException e) {
            return chain.anchored(Anchor.notAnchored("the gateway could not be reached"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return chain.anchored(Anchor.notAnchored("interrupted while asking the gateway"));
        }
        if (!chain.valid()) {
            // A broken chain is not signed: the checkpoint would vouch for what the chain now says.
            return chain.anchored(anchored(matched, compared, "no fresh checkpoint of a broken chain"));
        }
        return fresh(chain, matched, compared);
    }

    private Verification fresh(Verification chain, Held matched, int compared) {
        Handed handed = checkpoint();
        CheckpointClient.Answer answer = handed.answer();
        long seq = handed.checkpoint().seq();
        if (answer == null) {
            return chain.anchored(anchored(matched, compared, "no fresh checkpoint: the gateway could not be reached"));
        }
        if (!answer.taken()) {
            String why = "the gateway refused a checkpoint of entry " + seq + " (" + answer.problemType() + "): "
                    + answer.detail();
            // 409 is the gateway's rewind refusal: it holds a later checkpoint than this head.
            return answer.status() == 409
                    ? chain.contradicted(seq + 1, why, new Anchor(State.CONTRADICTED, null, null, compared, why))
                    : chain.anchored(anchored(matched, compared, why));
        }
        return chain.anchored(new Anchor(State.ANCHORED, seq, handed.checkpoint().issuedAt(), compared + 1, null));
    }

    private Verification contradiction(Verification chain, Held held, String actual, Held matched, int compared) {
        String since = matched == null ? "" : " after entry " + matched.seq() + " (its checkpoint matches)";
        String why;
        long first;
        long end = trail.head().seq();
        if (actual == null && end < held.seq()) {
            first = end + 1;
            why = "the chain ends at entry " + end + ", but the node signed a checkpoint of entry " + held.seq() + " at "
                    + held.issuedAt() + ": entries from " + first + " were cut";
        } else if (actual == null) {
            first = held.seq();
            why = "entry " + held.seq() + ", checkpointed at " + held.issuedAt() + ", is missing";
        } else {
            first = held.seq();
            why = "entry " + held.seq() + " does not have the hash the node signed for it at " + held.issuedAt()
                    + ": the chain was rewritten" + since;
        }
        return chain.contradicted(first, why, new Anchor(State.CONTRADICTED, held.seq(), held.issuedAt(), compared, why));
    }

    private static Anchor anchored(Held matched, int compared, String reason) {
        return new Anchor(State.ANCHORED, matched == null ? null : matched.seq(),
                matched == null ? null : matched.issuedAt(), compared, reason);
    }

    private synchronized EnvelopeSigner signer() {
        if (signer == null) {
            signer = new EnvelopeSigner(Jwks.load(signingKey.orElseThrow(
                    () -> new IllegalStateException("nrm.federation.signing-key must be set when the federation is enabled"))));
        }
        return signer;
    }
}
