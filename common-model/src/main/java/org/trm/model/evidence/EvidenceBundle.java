package org.trm.model.evidence;

import java.util.List;
import java.util.Optional;

/**
 * One self-contained file of evidence about a conversation (docs/PROTOCOL.md, "Evidence bundles"):
 * the node's signed {@link Manifest} as a compact JWS, and the items it lists. Every item's content
 * is ASCII text (compact JWS or JSON), hashed as its bytes.
 */
public record EvidenceBundle(String format, String manifest, List<Item> items) {
    public static final String FORMAT = "trm-evidence-bundle/1";
    public static final String OPERATOR_KEY_ITEM = "operator-key";

    public EvidenceBundle {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public record Item(String name, ItemKind kind, String content) {
    }

    public Optional<Item> item(String name) {
        return items.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public static String envelopeItem(Object messageId) {
        return "envelope/" + messageId;
    }

    public static String directoryItem(int version) {
        return "directory/" + version;
    }

    public static String bodyKeyItem(Object messageId) {
        return "body-key/" + messageId;
    }
}
