package org.trm.nrm.evidence;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.trm.model.crypto.Digests;
import org.trm.model.directory.DirectoryStore;
import org.trm.nrm.referral.Federation;

/**
 * Keeps every directory revision the node takes, at start-up and on each update, so that an
 * evidence bundle can show the keys that verified a message long after they were rotated out.
 */
@ApplicationScoped
public class DirectoryArchive {

    @Inject
    Federation federation;

    @Inject
    DirectoryRevisionRepository revisions;

    @Transactional
    void onStart(@Observes StartupEvent start) {
        if (federation.config().enabled()) {
            keep(federation.signedDirectory());
        }
    }

    /** A revision just taken by {@link Federation}; a version kept before stays as it was first kept. */
    @Transactional
    public void keep(@Observes DirectoryStore.Signed taken) {
        DirectoryRevision r = new DirectoryRevision();
        r.version = taken.directory().version();
        r.issuedAt = taken.directory().issuedAt();
        r.jws = taken.jws();
        r.sha256 = Digests.sha256Hex(taken.jws());
        r.loadedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        revisions.keep(r);
    }
}
