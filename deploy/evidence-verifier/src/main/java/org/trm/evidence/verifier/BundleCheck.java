package org.trm.evidence.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;
import org.trm.evidence.verifier.Finding.Outcome;
import org.trm.model.code.MessageType;
import org.trm.model.crypto.BodyCipher;
import org.trm.model.crypto.Digests;
import org.trm.model.crypto.Jose;
import org.trm.model.crypto.Jwks;
import org.trm.model.crypto.LowS;
import org.trm.model.directory.Directory;
import org.trm.model.directory.DirectoryCodec;
import org.trm.model.directory.Participant;
import org.trm.model.envelope.Envelope;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.envelope.VerifiedEnvelope;
import org.trm.model.evidence.BodyKey;
import org.trm.model.evidence.EvidenceBundle;
import org.trm.model.evidence.EvidenceBundle.Item;
import org.trm.model.evidence.ItemKind;
import org.trm.model.evidence.Manifest;
import org.trm.model.evidence.ManifestCodec;
import org.trm.model.json.Json;
import org.trm.model.payload.DeliveryFailure;
import org.trm.model.problem.ProtocolException;

/**
 * Every check of an evidence bundle (docs/PROTOCOL.md, "Evidence bundles"), offline: the manifest
 * lists exactly the items and their hashes, and the node's key signed it; each directory revision
 * is signed by the operator; each envelope verifies against its revision's keys at its own time and
 * belongs to the conversation; each receipt answers a message of the bundle, and where its body is
 * disclosed, names that message's hash. Each check is a line; a failed one says which item and why.
 */
final class BundleCheck {
    /** Types whose body names another message's hash (the receipt's subject). */
    /** The messages that answer another by its hash: a receipt, or the signal that it failed. */
    private static final Set<MessageType> HASH_LINKED = Set.of(MessageType.RECEIPT, MessageType.DELIVERY_FAILURE);

    private final EvidenceBundle bundle;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Item> items = new LinkedHashMap<>();
    private final Map<String, Directory> directories = new HashMap<>();
    private final Map<UUID, Envelope> envelopes = new LinkedHashMap<>();
    private final Map<UUID, String> envelopeJws = new HashMap<>();
    private Manifest manifest;

    private BundleCheck(EvidenceBundle bundle) {
        this.bundle = bundle;
    }

    /** Checks {@code bundle}; its directories against {@code trustAnchor}, else against the bundle's operator key. */
    static List<Finding> check(EvidenceBundle bundle, Optional<PublicJsonWebKey> trustAnchor) {
        BundleCheck check = new BundleCheck(bundle);
        check.run(trustAnchor);
        return check.findings;
    }

    private void run(Optional<PublicJsonWebKey> trustAnchor) {
        for (Item item : bundle.items()) {
            if (items.putIfAbsent(item.name(), item) != null) {
                fail(item.name(), "bundle", "the name is used by more than one item");
            }
            if (item.kind() == null || item.content() == null) {
                fail(item.name(), "bundle", "an item needs a kind and a content");
            } else if (!StandardCharsets.US_ASCII.newEncoder().canEncode(item.content())) {
                fail(item.name(), "bundle", "the content is not ASCII");
            }
        }
        ManifestCodec.Unverified signed = manifest();
        PublicJsonWebKey operator = operatorKey(trustAnchor);
        if (signed != null) {
            manifestLists();
        }
        for (Item item : ofKind(ItemKind.DIRECTORY)) {
            directory(item, operator);
        }
        if (signed != null) {
            manifestSignature(signed);
        }
        for (Item item : ofKind(ItemKind.ENVELOPE)) {
            envelope(item);
        }
        for (Envelope e : envelopes.values()) {
            if (e.type() == MessageType.RECEIPT) {
                hashLink(e);
            } else if (e.type() == MessageType.DELIVERY_FAILURE) {
                failureLink(e);
            }
        }
        for (Item item : ofKind(ItemKind.BODY_KEY)) {
            bodyKeyOpensAReceipt(item);
        }
        unanswered();
    }

    private ManifestCodec.Unverified manifest() {
        if (bundle.manifest() == null) {
            fail("manifest", "format", "the bundle has no manifest");
            return null;
        }
        try {
            ManifestCodec.Unverified signed = ManifestCodec.read(bundle.manifest());
            manifest = signed.manifest();
            return signed;
        } catch (ProtocolException | IllegalArgumentException e) {
            fail("manifest", "format", "not a readable signed manifest (" + e.getMessage() + ")");
            return null;
        }
    }

    private PublicJsonWebKey operatorKey(Optional<PublicJsonWebKey> trustAnchor) {
        Optional<PublicJsonWebKey> inBundle = Optional.empty();
        Item item = items.get(EvidenceBundle.OPERATOR_KEY_ITEM);
        if (item != null) {
            try {
                inBundle = Optional.of(Jwks.parse(item.content()));
            } catch (IllegalArgumentException e) {
                fail(item.name(), "format", "not a public JWK");
            }
        }
        if (trustAnchor.isPresent()) {
            String anchor = thumbprint(trustAnchor.get());
            note("operator-key", "trust anchor", "directories are checked against the key given, thumbprint " + anchor);
            if (inBundle.isPresent() && !thumbprint(inBundle.get()).equals(anchor)) {
                fail(EvidenceBundle.OPERATOR_KEY_ITEM, "trust anchor", "the bundle's operator key (thumbprint "
                        + thumbprint(inBundle.get()) + ") is not the trust anchor");
            }
            return trustAnchor.get();
        }
        if (inBundle.isEmpty()) {
            fail(EvidenceBundle.OPERATOR_KEY_ITEM, "trust anchor", "no operator key in the bundle and none given");
            return null;
        }
        note("operator-key", "trust anchor", "taken from the bundle, thumbprint " + thumbprint(inBundle.get())
                + ": compare it with the federation operator's published key, or pass it with --trust-anchor");
        return inBundle.get();
    }

    /** The manifest lists every item once, with the SHA-256 of its content, and nothing else. */
    private void manifestLists() {
        Map<String, Manifest.Entry> listed = new HashMap<>();
        for (Manifest.Entry entry : manifest.items()) {
            if (listed.putIfAbsent(entry.name(), entry) != null) {
                fail(entry.name(), "manifest", "listed more than once");
                continue;
            }
            Item item = items.get(entry.name());
            if (item == null) {
                fail(entry.name(), "manifest", "listed in the manifest, missing from the bundle");
            } else if (item.kind() != entry.kind()) {
                fail(entry.name(), "manifest", "the manifest lists it as " + entry.kind() + ", the bundle holds " + item.kind());
            } else if (item.content() != null && !Digests.sha256Hex(item.content()).equals(entry.sha256())) {
                fail(entry.name(), "manifest", "its SHA-256 is " + Digests.sha256Hex(item.content())
                        + ", the manifest says " + entry.sha256());
            } else {
                ok(entry.name(), "manifest", "SHA-256 " + entry.sha256() + " as listed");
            }
        }
        for (String name : items.keySet()) {
            if (!listed.containsKey(name)) {
                fail(name, "manifest", "in the bundle but not listed in the manifest");
            }
        }
    }

    private void directory(Item item, PublicJsonWebKey operator) {
        Directory claimed;
        try {
            claimed = DirectoryCodec.parse(unverifiedPayload(item.content()));
            directories.put(item.name(), claimed);
        } catch (ProtocolException | IllegalArgumentException e) {
            fail(item.name(), "format", "not a signed federation directory");
            return;
        }
        if (!EvidenceBundle.directoryItem(claimed.version()).equals(item.name())) {
            fail(item.name(), "name", "it holds directory version " + claimed.version());
        }
        if (operator == null) {
            return;
        }
        try {
            DirectoryCodec.verify(item.content(), operator);
            ok(item.name(), "operator signature", "version " + claimed.version() + " issued " + claimed.issuedAt()
                    + ", signed by the operator");
        } catch (ProtocolException e) {
            fail(item.name(), "operator signature", e.getMessage());
        }
    }

    private void manifestSignature(ManifestCodec.Unverified signed) {
        Directory directory = directories.get(manifest.directory());
        if (directory == null) {
            fail("manifest", "signature", "its directory item " + manifest.directory() + " is not in the bundle");
            return;
        }
        Optional<PublicJsonWebKey> key = signingKey(directory, manifest.node(), signed.kid());
        if (key.isEmpty()) {
            fail("manifest", "signature", "key " + signed.kid() + " is not a signing key of " + manifest.node()
                    + " in " + manifest.directory());
        } else if (!signed.signedBy(key.get().getPublicKey())) {
            fail("manifest", "signature", "the signature of " + manifest.node() + "'s key " + signed.kid()
                    + " does not verify (the manifest was changed after signing, or signed by another key)");
        } else if (LowS.isHigh(bundle.manifest().strip())) {
            fail("manifest", "signature", "the high-S twin of " + manifest.node()
                    + "'s signature, not the low-S form every signer makes (docs/PROTOCOL.md section 4)");
        } else {
            ok("manifest", "signature", "signed by " + manifest.node() + "'s key " + signed.kid() + " ("
                    + manifest.directory() + ") at " + manifest.createdAt());
        }
    }

    private void envelope(Item item) {
        Envelope claimed;
        try {
            claimed = EnvelopeVerifier.peek(item.content());
        } catch (ProtocolException | IllegalArgumentException e) {
            fail(item.name(), "format", "not a readable envelope JWS (" + e.getMessage() + ")");
            return;
        }
        if (!EvidenceBundle.envelopeItem(claimed.messageId()).equals(item.name())) {
            fail(item.name(), "name", "it holds message " + claimed.messageId());
        }
        if (manifest != null && !claimed.conversationId().equals(manifest.conversationId())) {
            fail(item.name(), "conversation", "it belongs to conversation " + claimed.conversationId() + ", not "
                    + manifest.conversationId());
        }
        envelopes.putIfAbsent(claimed.messageId(), claimed);
        envelopeJws.putIfAbsent(claimed.messageId(), item.content());
        String directoryName = directoryOf(item.name());
        Directory directory = directories.get(directoryName);
        if (directory == null) {
            fail(item.name(), "signature", "no directory revision in the bundle to verify it with");
            return;
        }
        // At the envelope's own time: evidence is checked long after every message has expired.
        Clock atItsTime = Clock.fixed(claimed.createdAt(), ZoneOffset.UTC);
        try {
            VerifiedEnvelope verified = new EnvelopeVerifier(() -> directory, atItsTime).verify(item.content());
            ok(item.name(), "signature", claimed.type() + " " + claimed.from() + " -> " + claimed.to() + " created "
                    + claimed.createdAt() + ", signed by " + verified.kid() + " (" + directoryName + ")");
        } catch (ProtocolException e) {
            fail(item.name(), "signature", e.problem().type() + " against " + directoryName + ": " + e.getMessage());
        }
    }

    /** The directory item the manifest names for an envelope, else the newest revision in the bundle. */
    private String directoryOf(String envelopeItem) {
        Optional<String> named = manifest == null ? Optional.empty() : manifest.items().stream()
                .filter(e -> e.name().equals(envelopeItem) && e.directory() != null)
                .map(Manifest.Entry::directory).findFirst();
        return named.orElseGet(() -> directories.entrySet().stream()
                .max(Comparator.comparingInt(d -> d.getValue().version())).map(Map.Entry::getKey).orElse(null));
    }

    private void hashLink(Envelope receipt) {
        String name = EvidenceBundle.envelopeItem(receipt.messageId());
        Envelope original = envelopes.get(receipt.inReplyTo());
        if (original == null) {
            fail(name, "receipt", "it answers message " + receipt.inReplyTo() + ", which is not in the bundle");
            return;
        }
        String originalName = EvidenceBundle.envelopeItem(original.messageId());
        if (!receipt.from().equals(original.to()) || !receipt.to().equals(original.from())) {
            fail(name, "receipt", "from " + receipt.from() + " to " + receipt.to() + " does not answer "
                    + originalName + " (" + original.from() + " -> " + original.to() + ")");
            return;
        }
        Item key = items.get(EvidenceBundle.bodyKeyItem(receipt.messageId()));
        if (key == null) {
            note(name, "receipt hash", "answers " + originalName + " by its header; its body, with the hash, is encrypted to "
                    + receipt.to() + " and not disclosed in this bundle");
            return;
        }
        try {
            BodyKey disclosed = Json.read(key.content(), BodyKey.class);
            JsonNode payload = Json.MAPPER.readTree(BodyCipher.openDisclosed(receipt.body(), disclosed.contentKey()));
            String sha256 = Digests.sha256Hex(envelopeJws.get(original.messageId()));
            if (!original.messageId().toString().equals(payload.path("messageId").asText())) {
                fail(name, "receipt hash", "its body names message " + payload.path("messageId").asText() + ", not "
                        + original.messageId());
            } else if (!sha256.equals(payload.path("sha256").asText())) {
                fail(name, "receipt hash", "its body names SHA-256 " + payload.path("sha256").asText() + ", but "
                        + originalName + " hashes to " + sha256);
            } else {
                ok(name, "receipt hash", receipt.from() + " received " + originalName + " exactly as in this bundle"
                        + " (SHA-256 " + sha256 + ", body opened with " + key.name() + ")");
            }
        } catch (ProtocolException | java.io.IOException e) {
            fail(key.name(), "body key", "does not open the body of " + name + " (" + e.getMessage() + ")");
        }
    }

    /**
     * A failure signal names the message it reports, and its hash, in clear (PROTOCOL.md §7.2); it
     * goes to that message's sender, from the sender's own gateway or the recipient's.
     */
    private void failureLink(Envelope signal) {
        String name = EvidenceBundle.envelopeItem(signal.messageId());
        Envelope original = envelopes.get(signal.inReplyTo());
        if (original == null) {
            fail(name, "failure signal", "it reports message " + signal.inReplyTo() + ", which is not in the bundle");
            return;
        }
        String originalName = EvidenceBundle.envelopeItem(original.messageId());
        if (!signal.to().equals(original.from())
                || !(signal.from().equals(original.from()) || signal.from().equals(original.to()))) {
            fail(name, "failure signal", "from " + signal.from() + " to " + signal.to() + " does not report on "
                    + originalName + " (" + original.from() + " -> " + original.to() + ")");
            return;
        }
        try {
            DeliveryFailure failure = DeliveryFailure.fromBody(signal.body());
            String sha256 = Digests.sha256Hex(envelopeJws.get(original.messageId()));
            if (!original.messageId().equals(failure.messageId())) {
                fail(name, "failure signal", "its body names message " + failure.messageId() + ", not " + original.messageId());
            } else if (!sha256.equals(failure.sha256())) {
                fail(name, "failure signal", "its body names SHA-256 " + failure.sha256() + ", but " + originalName
                        + " hashes to " + sha256);
            } else {
                ok(name, "failure signal", failure.hop() + " gave up on " + originalName + " (" + failure.problem()
                        + ") at " + failure.failedAt());
            }
        } catch (ProtocolException e) {
            fail(name, "failure signal", "its body is not a failure report (" + e.getMessage() + ")");
        }
    }

    private void bodyKeyOpensAReceipt(Item item) {
        try {
            BodyKey key = Json.read(item.content(), BodyKey.class);
            Envelope e = envelopes.get(key.messageId());
            if (!EvidenceBundle.bodyKeyItem(key.messageId()).equals(item.name())) {
                fail(item.name(), "name", "it holds the key of message " + key.messageId());
            } else if (e == null || e.type() != MessageType.RECEIPT) {
                fail(item.name(), "body key", "names no receipt of this bundle");
            }
        } catch (ProtocolException e) {
            fail(item.name(), "format", "not a body key");
        }
    }

    /** Messages without a receipt in the bundle: not a failure (one may still be on its way), but worth saying. */
    private void unanswered() {
        Set<UUID> answered = new java.util.HashSet<>();
        envelopes.values().stream().filter(e -> HASH_LINKED.contains(e.type())).forEach(e -> answered.add(e.inReplyTo()));
        envelopes.values().stream().filter(e -> !HASH_LINKED.contains(e.type()) && !answered.contains(e.messageId()))
                .forEach(e -> note(EvidenceBundle.envelopeItem(e.messageId()), "receipt",
                        "no receipt of " + e.to() + " nor failure signal for it in the bundle"));
    }

    private List<Item> ofKind(ItemKind kind) {
        return items.values().stream().filter(i -> i.kind() == kind).toList();
    }

    private static Optional<PublicJsonWebKey> signingKey(Directory directory, String country, String kid) {
        return directory.participant(country).map(Participant::keys).orElse(List.of()).stream()
                .map(Jwks::fromMap)
                .filter(k -> Jwks.USE_SIG.equals(k.getUse()) && kid != null && kid.equals(k.getKeyId()))
                .findFirst();
    }

    private static String unverifiedPayload(String compactJws) {
        try {
            return Jose.readSigned(compactJws).getUnverifiedPayload();
        } catch (JoseException e) {
            throw new IllegalArgumentException("not a compact JWS", e);
        }
    }

    /** The key's RFC 7638 thumbprint (SHA-256, base64url): what to compare with the operator's published key. */
    static String thumbprint(PublicJsonWebKey key) {
        return key.calculateBase64urlEncodedThumbprint("SHA-256");
    }

    private void ok(String item, String check, String detail) {
        findings.add(new Finding(Outcome.OK, item, check, detail));
    }

    private void fail(String item, String check, String detail) {
        findings.add(new Finding(Outcome.FAIL, item, check, detail));
    }

    private void note(String item, String check, String detail) {
        findings.add(new Finding(Outcome.NOTE, item, check, detail));
    }
}
