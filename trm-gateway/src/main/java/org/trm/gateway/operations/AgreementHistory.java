package org.trm.gateway.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.trm.gateway.directory.DirectoryHolder;
import org.trm.model.directory.Directory;

/**
 * What was agreed when: every revision of an agreement that the directory in use keeps, each with
 * where it stands now, so that a coordinator reads the terms a message travelled under after a
 * later revision replaced them.
 */
@ApplicationScoped
public class AgreementHistory {

    @Inject
    DirectoryHolder directory;

    /** The revisions of agreement {@code id}, oldest first; empty when the directory has no such agreement. */
    public Optional<List<AgreementRevisionView>> revisions(String id) {
        Directory d = directory.current();
        Instant now = Instant.now();
        List<AgreementRevisionView> revisions = d.revisions(id).stream()
                .map(a -> AgreementRevisionView.of(a, d.status(a, now), d.version())).toList();
        return revisions.isEmpty() ? Optional.empty() : Optional.of(revisions);
    }
}
