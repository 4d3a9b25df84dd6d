package org.trm.model.anchor;

import java.time.Instant;
import java.util.regex.Pattern;
import org.trm.model.envelope.EnvelopeSigner;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.json.Json;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;

/**
 * A node's signed statement of its audit trail's head: entry {@code seq} of {@code country}'s node
 * has the chain hash {@code hash}, as of {@code issuedAt}. The node hands each to its gateway,
 * which keeps them append-only, so that a trail later cut back or rewritten below a checkpoint no
 * longer matches what the node signed earlier (docs/PROTOCOL.md, the audit anchor).
 */
public record AuditCheckpoint(int v, String country, long seq, String hash, Instant issuedAt) {
    public static final int VERSION = 1;
    /** Its own {@code typ}: a checkpoint can never pass for an envelope, nor an envelope for a checkpoint. */
    public static final String TYP = "trm-audit-checkpoint+jws";
    /** The chain's hash before its first entry (seq 0). */
    public static final String GENESIS = "0".repeat(64);
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    public static AuditCheckpoint of(String country, long seq, String hash, Instant issuedAt) {
        return new AuditCheckpoint(VERSION, country, seq, hash, issuedAt);
    }

    /** Signed with the node's envelope signing key, on the envelopes' signing path. */
    public String sign(EnvelopeSigner signer) {
        return signer.signDocument(this, TYP);
    }

    /**
     * Checks a signed checkpoint as any envelope's signature is checked, then that the key is the
     * checkpoint's own country's ({@code key-not-of-sender} otherwise) and that its fields are well formed.
     */
    public static Signed verify(String compactJws, EnvelopeVerifier verifier) {
        EnvelopeVerifier.SignedDocument document = verifier.verifyDocument(compactJws, TYP);
        AuditCheckpoint checkpoint = Json.read(document.payload(), AuditCheckpoint.class);
        if (checkpoint.v != VERSION || checkpoint.country == null || !COUNTRY.matcher(checkpoint.country).matches()
                || checkpoint.seq < 0 || checkpoint.hash == null || !HASH.matcher(checkpoint.hash).matches()
                || checkpoint.issuedAt == null) {
            throw new ProtocolException(ProblemType.MALFORMED, "not a valid audit checkpoint");
        }
        if (!checkpoint.country.equals(document.signer())) {
            throw new ProtocolException(ProblemType.KEY_NOT_OF_SENDER, "signed with a key of another participant");
        }
        return new Signed(checkpoint, compactJws, document.kid());
    }

    /** A checkpoint whose signature verified, with the JWS as signed and the key that signed it. */
    public record Signed(AuditCheckpoint checkpoint, String jws, String kid) {
    }
}
