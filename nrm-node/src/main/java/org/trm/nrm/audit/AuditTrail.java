package org.trm.nrm.audit;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.trm.nrm.http.Page;
import org.trm.nrm.security.Caller;

/**
 * The hash-chained record of every access to personal data. Each entry's hash is SHA-256 over its
 * fields and the previous entry's hash, so that changing, inserting or deleting a row breaks the chain
 * from that row on. Entries are written in the transaction of the access they record.
 */
@ApplicationScoped
public class AuditTrail {
    static final String GENESIS = "0".repeat(64);
    private static final int BATCH = 500;

    @Inject
    AuditRepository entries;

    @Inject
    Caller caller;

    /** Appends an entry; must run inside the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID caseId, String resource, AuditAction action) {
        Object[] head = entries.lockHead();
        AuditEntry e = new AuditEntry();
        e.seq = ((Number) head[0]).longValue() + 1;
        e.prevHash = (String) head[1];
        // PostgreSQL keeps microseconds: hash exactly what is stored.
        e.occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        e.actor = caller.name();
        e.organisation = caller.organisation().orElse(null);
        e.action = action.name();
        e.resource = resource;
        e.caseId = caseId;
        e.hash = hash(e);
        entries.persist(e);
        entries.moveHead(e.seq, e.hash);
    }

    /** What an auditor searches the trail by; each part left null matches every entry. */
    public record Search(UUID caseId, String actor, AuditAction action, Instant from, Instant until) {
    }

    /** The entries that match every part of the search, in chain order; {@code until} is exclusive. */
    public Page<AuditEntry> list(Search search, int page, int size) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        BiConsumer<String, Object> match = (condition, value) -> {
            if (value != null) {
                where.add(condition);
                parameters.and(condition.substring(condition.indexOf(':') + 1), value);
            }
        };
        match.accept("caseId = :caseId", search.caseId());
        match.accept("actor = :actor", search.actor());
        match.accept("action = :action", search.action() == null ? null : search.action().name());
        match.accept("occurredAt >= :from", search.from());
        match.accept("occurredAt < :until", search.until());
        var query = where.isEmpty() ? entries.findAll(Sort.by("seq"))
                : entries.find(String.join(" and ", where), Sort.by("seq"), parameters);
        query.page(io.quarkus.panache.common.Page.of(page, size));
        return new Page<>(query.list(), page, size, query.count());
    }

    /**
     * Walks the chain up to its recorded head and reports the first entry that does not fit. Entries
     * appended meanwhile lie beyond the head read first, so verification never blocks writers.
     */
    @Transactional
    public Verification verify() {
        Object[] head = entries.head();
        long headSeq = ((Number) head[0]).longValue();
        String prev = GENESIS;
        long expectedSeq = 1;
        while (expectedSeq <= headSeq) {
            List<AuditEntry> batch = entries.find("seq >= ?1 and seq <= ?2", Sort.by("seq"), expectedSeq, headSeq)
                    .page(0, BATCH).list();
            if (batch.isEmpty()) {
                break;
            }
            for (AuditEntry e : batch) {
                if (e.seq != expectedSeq) {
                    return Verification.broken(expectedSeq - 1, expectedSeq, "entry " + expectedSeq + " is missing");
                }
                if (!e.prevHash.equals(prev)) {
                    return Verification.broken(expectedSeq - 1, e.seq, "its previous-hash does not match the entry before");
                }
                if (!e.hash.equals(hash(e))) {
                    return Verification.broken(expectedSeq - 1, e.seq, "its content does not match its hash");
                }
                prev = e.hash;
                expectedSeq++;
            }
            entries.getEntityManager().clear();
        }
        if (expectedSeq <= headSeq) {
            return Verification.broken(expectedSeq - 1, expectedSeq, "entry " + expectedSeq + " is missing");
        }
        if (!prev.equals(head[1])) {
            return Verification.broken(headSeq, headSeq, "the last entry does not match the recorded head");
        }
        return new Verification(true, headSeq, null, null, null);
    }

    /** The chain's last committed entry: what a checkpoint signs. */
    @Transactional
    public Head head() {
        Object[] head = entries.head();
        return new Head(((Number) head[0]).longValue(), (String) head[1]);
    }

    /** The hashes of those of these entries that exist, to compare with checkpoints. */
    @Transactional
    public Map<Long, String> hashesAt(Collection<Long> seqs) {
        return entries.hashesAt(seqs);
    }

    public record Head(long seq, String hash) {
    }

    static String hash(AuditEntry e) {
        String canonical = String.join("|", Long.toString(e.seq), e.occurredAt.toString(), e.actor,
                Objects.toString(e.organisation, ""), e.action, e.resource, Objects.toString(e.caseId, ""), e.prevHash);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e1) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e1);
        }
    }

    /**
     * Result of a verification; {@code firstBrokenSeq} is the first entry that fails, if any, and
     * {@code anchor} how the chain compares with the checkpoints the gateway holds (AuditAnchor).
     */
    public record Verification(boolean valid, long checkedEntries, Long firstBrokenSeq, String reason,
            AuditAnchor.Anchor anchor) {
        static Verification broken(long checked, long seq, String reason) {
            return new Verification(false, checked, seq, reason, null);
        }

        /** The chain as checked, compared with the anchor: valid only if neither contradicts it. */
        Verification anchored(AuditAnchor.Anchor a) {
            return new Verification(valid, checkedEntries, firstBrokenSeq, reason, a);
        }

        /** The chain's own entries fit, but a checkpoint says the chain was longer or other. */
        Verification contradicted(long seq, String why, AuditAnchor.Anchor a) {
            return valid ? new Verification(false, checkedEntries, seq, why, a) : anchored(a);
        }
    }
}
