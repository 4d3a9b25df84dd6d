package org.trm.model.problem;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/**
 * Why a federation message was refused: the protocol's part of the problem registry. The
 * {@code type} URIs are part of the protocol: partners branch on them, so they never change once
 * published.
 */
public enum ProblemType implements ProblemCode {
    MALFORMED(400, "malformed", "The message is not a well-formed TRM envelope"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "The request's media type is not accepted by this endpoint"),
    TOO_LARGE(413, "too-large", "The request exceeds the size limit"),
    DISALLOWED_ALGORITHM(400, "disallowed-algorithm", "The signature algorithm is not allowed"),
    UNKNOWN_KEY(400, "unknown-key", "The signing key is not in the federation directory"),
    KEY_NOT_OF_SENDER(400, "key-not-of-sender", "The signing key belongs to another participant"),
    KEY_EXPIRED(400, "key-expired", "The signing key has passed its expiry date in the directory"),
    KEY_ROLE_MISMATCH(400, "key-role-mismatch", "The signing key's role may not sign this type of message"),
    BAD_SIGNATURE(400, "bad-signature", "The signature does not verify"),
    NON_CANONICAL_SIGNATURE(400, "non-canonical-signature", "The signature is not in its canonical low-S form"),
    EXPIRED(400, "expired", "The message has expired"),
    DECRYPTION_FAILED(400, "decryption-failed", "The body cannot be decrypted by this node"),
    SENDER_MISMATCH(403, "sender-mismatch", "The caller may not speak for the sender"),
    PARTICIPANT_INACTIVE(403, "participant-inactive", "The participant is not active in the federation"),
    NO_AGREEMENT(403, "no-agreement", "No active agreement covers this message"),
    AGREEMENT_EXPIRED(403, "agreement-expired", "The agreement between the parties has expired"),
    AGREEMENT_NOT_YET_VALID(403, "agreement-not-yet-valid", "The agreement between the parties is not in force yet"),
    TYPE_NOT_COVERED(403, "type-not-covered", "The agreement in force does not cover this message type"),
    UNKNOWN_RECIPIENT(400, "unknown-recipient", "The recipient is not a participant of the federation"),
    NOT_SERVED_HERE(421, "not-served-here", "The recipient is not served by this gateway"),
    DUPLICATE_CONFLICT(409, "duplicate-conflict", "A different message with the same id was already accepted"),
    UNKNOWN_CONVERSATION(409, "unknown-conversation", "The message refers to a conversation this node never joined"),
    DIRECTORY_INVALID(400, "directory-invalid", "The federation directory is not valid"),
    UNREACHABLE(502, "unreachable", "The next hop could not be reached"),
    // Federation statistics (docs/PROTOCOL.md section 17): carried in a STATS_ABORT, answered by the requester's node.
    STATISTICS_ROUND_INCOMPLETE(504, "statistics-round-incomplete",
            "Participants of the statistics round did not answer before its deadline"),
    TOO_FEW_PARTICIPANTS(409, "too-few-participants",
            "A statistics round needs at least three participants, or one would learn another's exact counts"),
    STATISTICS_ROUND_OVERLAPS(409, "statistics-round-overlaps",
            "The round's participants differ by one country from a recent round: the two would give that country's counts away"),
    STATISTICS_ROUND_INVALID(400, "statistics-round-invalid",
            "The statistics round is not one this node can take part in");

    private final int status;
    private final URI type;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.type = URI.create(PREFIX + slug);
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public URI type() {
        return type;
    }

    @Override
    public String title() {
        return title;
    }

    /** The protocol's code with this type URI, as a relayed problem body names it. */
    public static Optional<ProblemType> ofType(String type) {
        return Arrays.stream(values()).filter(p -> p.type.toString().equals(type)).findFirst();
    }
}
