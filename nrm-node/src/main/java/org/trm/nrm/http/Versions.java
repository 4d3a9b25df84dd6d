package org.trm.nrm.http;

import jakarta.ws.rs.core.EntityTag;
import java.util.Optional;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.NrmException;

/**
 * Optimistic locking over HTTP: a resource's version is its strong ETag ({@code "3"}); an update
 * must send it back in {@code If-Match}, so that a stale write is refused instead of overwriting.
 */
public final class Versions {
    private Versions() {
    }

    /** The ETag of a version, for {@code ResponseBuilder.tag}: written on the wire as {@code "3"}. */
    public static EntityTag tag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** The version an update is based on; without If-Match the update is refused with 428. */
    public static long required(String ifMatch) {
        return optional(ifMatch).orElseThrow(() -> new NrmException(ErrorCode.IF_MATCH_REQUIRED,
                "send If-Match with the ETag of the version you read"));
    }

    /** The version an action is based on, when the caller sent one. */
    public static Optional<Long> optional(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return Optional.empty();
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Optional.of(Long.parseLong(tag));
        } catch (NumberFormatException e) {
            // No current representation has such an ETag, so the precondition fails.
            throw new NrmException(ErrorCode.VERSION_MISMATCH, "If-Match does not name a version of this resource");
        }
    }

    /** Refuses the change when the caller's version is not the stored one. */
    public static void check(Optional<Long> expected, long actual) {
        if (expected.isPresent() && expected.get() != actual) {
            throw new NrmException(ErrorCode.VERSION_MISMATCH,
                    "the resource is at version " + actual + ", the request was based on " + expected.get());
        }
    }
}
