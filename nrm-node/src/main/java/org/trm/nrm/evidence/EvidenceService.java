package org.trm.nrm.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.trm.model.code.MessageType;
import org.trm.model.crypto.BodyCipher;
import org.trm.model.directory.Directory;
import org.trm.model.directory.DirectoryCodec;
import org.trm.model.directory.DirectoryStore;
import org.trm.model.envelope.Envelope;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.evidence.BundleBuilder;
import org.trm.model.evidence.EvidenceBundle;
import org.trm.model.json.Json;
import org.trm.model.problem.ProtocolException;
import org.trm.model.status.Direction;
import org.trm.nrm.audit.AuditAction;
import org.trm.nrm.audit.AuditTrail;
import org.trm.nrm.problem.NrmException;
import org.trm.nrm.referral.Conversation;
import org.trm.nrm.referral.ConversationRepository;
import org.trm.nrm.referral.Federation;
import org.trm.nrm.referral.MessageRepository;
import org.trm.nrm.referral.TransnationalMessage;

/**
 * The evidence bundle of a conversation (docs/PROTOCOL.md, "Evidence bundles"): every envelope as
 * stored (sent, received, receipts either way), the directory revisions whose keys verify them, the
 * operator key, the content keys of the receipts addressed here, and a manifest signed with the
 * node's key. Bodies stay encrypted: the bundle carries no personal data in clear, and making one
 * is an audit entry.
 */
@ApplicationScoped
public class EvidenceService {
    private static final Logger LOG = Logger.getLogger(EvidenceService.class);
    /** Bodies that carry no personal data, so that their content key may be disclosed: receipts. */
    private static final Set<MessageType> DISCLOSED_BODIES = Set.of(MessageType.RECEIPT);
    static final String AUDIT_RESOURCE = "evidence-bundle";

    @Inject
    Federation federation;

    @Inject
    ConversationRepository conversations;

    @Inject
    MessageRepository messages;

    @Inject
    DirectoryRevisionRepository revisions;

    @Inject
    DirectoryArchive archive;

    @Inject
    AuditTrail audit;

    /** The bundle as the JSON document a verifier reads. */
    @Transactional
    public String bundle(UUID conversationId) {
        // Not limited to the caller's cases: the bundle holds no personal data in clear, and an
        // auditor must be able to prove any conversation of the country.
        Conversation conversation = conversations.findByIdOptional(conversationId)
                .orElseThrow(() -> NrmException.notFound("conversation"));
        DirectoryStore.Signed current = federation.signedDirectory();
        archive.keep(current);
        Directories directories = new Directories(revisions.newestFirst());

        BundleBuilder bundle = new BundleBuilder(conversationId, federation.country()).operatorKey(federation.operatorKey());
        String manifestDirectory = bundle.directory(current.directory().version(), current.jws());
        for (TransnationalMessage m : messages.ofConversation(conversationId)) {
            add(bundle, directories, m.jws, m.createdAt);
            if (m.receiptJws != null) {
                add(bundle, directories, m.receiptJws, m.direction == Direction.OUTBOUND ? m.receiptReceivedAt : m.createdAt);
            }
            if (m.direction == Direction.INBOUND && DISCLOSED_BODIES.contains(m.type)) {
                disclose(bundle, m);
            }
        }
        EvidenceBundle made = bundle.sign(Instant.now().truncatedTo(ChronoUnit.MILLIS), federation.signingKey(),
                manifestDirectory);
        audit.record(conversation.caseId, AUDIT_RESOURCE, AuditAction.READ);
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(made);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an evidence bundle", e);
        }
    }

    private static void add(BundleBuilder bundle, Directories directories, String jws, Instant storedAt) {
        Envelope claimed = EnvelopeVerifier.peek(jws);
        DirectoryRevision revision = directories.verifying(jws, claimed, storedAt);
        bundle.envelope(claimed.messageId(), jws, bundle.directory(revision.version, revision.jws));
    }

    private void disclose(BundleBuilder bundle, TransnationalMessage m) {
        try {
            bundle.bodyKey(m.messageId, BodyCipher.discloseContentKey(EnvelopeVerifier.peek(m.jws).body(),
                    federation.encryptionKeys()));
        } catch (ProtocolException e) {
            // A receipt to a key this node no longer holds: its header still links it; say so, nothing more.
            LOG.warnf("the body of %s %s cannot be disclosed (%s)", m.type, m.messageId, e.problem());
        }
    }

    /**
     * The revisions kept, each read once. An envelope is shown with the revision whose keys verify it
     * at its own time, trying first the one in use when the node stored it.
     */
    private final class Directories {
        private final List<DirectoryRevision> newestFirst;
        private final Map<Integer, Directory> read = new HashMap<>();

        Directories(List<DirectoryRevision> newestFirst) {
            this.newestFirst = newestFirst;
        }

        DirectoryRevision verifying(String jws, Envelope claimed, Instant storedAt) {
            Optional<DirectoryRevision> inUse = newestFirst.stream()
                    .filter(r -> storedAt == null || !r.loadedAt.isAfter(storedAt)).findFirst();
            List<DirectoryRevision> candidates = new ArrayList<>();
            inUse.ifPresent(candidates::add);
            newestFirst.stream().filter(r -> inUse.isEmpty() || r != inUse.get()).forEach(candidates::add);
            Clock atItsTime = Clock.fixed(claimed.createdAt(), ZoneOffset.UTC);
            for (DirectoryRevision r : candidates) {
                try {
                    Directory d = directory(r);
                    new EnvelopeVerifier(() -> d, atItsTime).verify(jws);
                    return r;
                } catch (ProtocolException e) {
                    // not this revision's keys: try the next
                }
            }
            // None verifies it: shown with the revision of its time, for the verifier to say why.
            return candidates.get(0);
        }

        private Directory directory(DirectoryRevision r) {
            return read.computeIfAbsent(r.version, v -> DirectoryCodec.verify(r.jws, federation.operatorKey()));
        }
    }
}
