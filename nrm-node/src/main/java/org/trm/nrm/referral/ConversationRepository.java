package org.trm.nrm.referral;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ConversationRepository implements PanacheRepositoryBase<Conversation, UUID> {

    public List<Conversation> ofCase(UUID caseId) {
        return list("caseId", Sort.by("createdAt"), caseId);
    }

    /** The case's conversations with a partner, locked for a change of all of them. */
    public List<Conversation> ofCaseWith(UUID caseId, String partner) {
        return find("caseId = ?1 and partner = ?2", caseId, partner)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).list();
    }
}
