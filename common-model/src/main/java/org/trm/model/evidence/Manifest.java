package org.trm.model.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What an evidence bundle holds, signed by the node that made it: each item's name, kind and
 * SHA-256. {@code directory} names the directory item whose keys verify the manifest's signature;
 * an envelope's entry names the directory item whose keys verify the envelope.
 */
public record Manifest(int v, UUID conversationId, String node, Instant createdAt, String directory, List<Entry> items) {
    public static final int VERSION = 1;

    public Manifest {
        items = List.copyOf(items);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String name, ItemKind kind, String sha256, String directory) {
    }
}
