package org.trm.model.evidence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.PublicJsonWebKey;
import org.trm.model.crypto.Digests;
import org.trm.model.crypto.Jwks;
import org.trm.model.json.Json;

/**
 * Puts an evidence bundle together: names each item, hashes it, and signs the manifest. An item
 * added twice under one name is kept once (a receipt is both a message and the answer to one).
 */
public final class BundleBuilder {
    private final UUID conversationId;
    private final String node;
    private final Map<String, Added> items = new LinkedHashMap<>();

    private record Added(EvidenceBundle.Item item, String directory) {
    }

    public BundleBuilder(UUID conversationId, String node) {
        this.conversationId = conversationId;
        this.node = node;
    }

    public BundleBuilder operatorKey(PublicJsonWebKey operatorKey) {
        return add(EvidenceBundle.OPERATOR_KEY_ITEM, ItemKind.OPERATOR_KEY, Jwks.toJson(operatorKey, false), null);
    }

    /** Adds a signed directory and answers its item's name. */
    public String directory(int version, String jws) {
        String name = EvidenceBundle.directoryItem(version);
        add(name, ItemKind.DIRECTORY, jws, null);
        return name;
    }

    /** Adds an envelope, verified by the keys of the directory item {@code directory}. */
    public BundleBuilder envelope(UUID messageId, String jws, String directory) {
        return add(EvidenceBundle.envelopeItem(messageId), ItemKind.ENVELOPE, jws, directory);
    }

    public BundleBuilder bodyKey(UUID messageId, String contentKey) {
        return add(EvidenceBundle.bodyKeyItem(messageId), ItemKind.BODY_KEY,
                Json.write(new BodyKey(BodyKey.VERSION, messageId, contentKey)), null);
    }

    /** The bundle, its manifest signed with the node's signing key, listed in {@code directory}. */
    public EvidenceBundle sign(Instant createdAt, PublicJsonWebKey nodeSigningKey, String directory) {
        List<Manifest.Entry> entries = new ArrayList<>();
        List<EvidenceBundle.Item> contents = new ArrayList<>();
        for (Added a : items.values()) {
            entries.add(new Manifest.Entry(a.item.name(), a.item.kind(), Digests.sha256Hex(a.item.content()), a.directory));
            contents.add(a.item);
        }
        Manifest manifest = new Manifest(Manifest.VERSION, conversationId, node, createdAt, directory, entries);
        return new EvidenceBundle(EvidenceBundle.FORMAT, ManifestCodec.sign(manifest, nodeSigningKey), contents);
    }

    private BundleBuilder add(String name, ItemKind kind, String content, String directory) {
        items.putIfAbsent(name, new Added(new EvidenceBundle.Item(name, kind, content), directory));
        return this;
    }
}
