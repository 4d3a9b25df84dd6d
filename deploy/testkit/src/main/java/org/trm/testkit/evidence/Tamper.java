package org.trm.testkit.evidence;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jose4j.base64url.Base64Url;
import org.jose4j.jwk.PublicJsonWebKey;
import org.trm.model.crypto.Jwks;
import org.trm.model.evidence.EvidenceBundle;
import org.trm.model.json.Json;

/**
 * The tamperings an evidence verifier must report, each done as a forger would: bytes changed in
 * place, signatures kept, so that only the checks can tell.
 */
public final class Tamper {
    private Tamper() {
    }

    /** One character of the named JWS item's signature changed for another base64url character. */
    public static EvidenceBundle flipSignatureByte(EvidenceBundle bundle, String item) {
        String jws = content(bundle, item);
        int at = jws.lastIndexOf('.') + 10;
        char changed = jws.charAt(at) == 'A' ? 'B' : 'A';
        return withContent(bundle, item, jws.substring(0, at) + changed + jws.substring(at + 1));
    }

    /** The named item's content replaced, e.g. by a receipt of another conversation. */
    public static EvidenceBundle withContent(EvidenceBundle bundle, String item, String content) {
        content(bundle, item);
        List<EvidenceBundle.Item> items = new ArrayList<>();
        for (EvidenceBundle.Item i : bundle.items()) {
            items.add(i.name().equals(item) ? new EvidenceBundle.Item(i.name(), i.kind(), content) : i);
        }
        return new EvidenceBundle(bundle.format(), bundle.manifest(), items);
    }

    /** In the named directory item, the key {@code kid} replaced by {@code replacement}; the operator's signature kept. */
    public static EvidenceBundle replaceDirectoryKey(EvidenceBundle bundle, String item, String kid, PublicJsonWebKey replacement) {
        Map<String, Object> forged = new java.util.HashMap<>(Jwks.publicParams(replacement));
        forged.put("kid", kid);
        String jws = content(bundle, item);
        ObjectNode directory = (ObjectNode) read(payload(jws));
        boolean replaced = false;
        for (var participant : directory.withArray("participants")) {
            ArrayNode keys = (ArrayNode) participant.get("keys");
            for (int i = 0; i < keys.size(); i++) {
                if (kid.equals(keys.get(i).path("kid").asText())) {
                    keys.set(i, Json.MAPPER.valueToTree(forged));
                    replaced = true;
                }
            }
        }
        if (!replaced) {
            throw new IllegalArgumentException("no key " + kid + " in " + item);
        }
        return withContent(bundle, item, withPayload(jws, directory.toString()));
    }

    /** The manifest's creation time changed; its signature kept. */
    public static EvidenceBundle editManifest(EvidenceBundle bundle) {
        ObjectNode manifest = (ObjectNode) read(payload(bundle.manifest()));
        manifest.put("createdAt", "2020-01-01T00:00:00Z");
        return new EvidenceBundle(bundle.format(), withPayload(bundle.manifest(), manifest.toString()), bundle.items());
    }

    private static String content(EvidenceBundle bundle, String item) {
        return bundle.item(item).orElseThrow(() -> new IllegalArgumentException("no item " + item)).content();
    }

    private static String payload(String jws) {
        return new String(Base64Url.decode(jws.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    private static String withPayload(String jws, String payload) {
        String[] parts = jws.split("\\.");
        return parts[0] + "." + Base64Url.encode(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
