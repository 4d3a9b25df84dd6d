package org.trm.nrm.cases.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.trm.nrm.cases.CaseFile;
import org.trm.nrm.cases.CaseRepository;
import org.trm.nrm.problem.NrmException;
import org.trm.nrm.security.Caller;
import org.trm.nrm.security.Roles;

/**
 * Which cases a caller may see: a coordinator and an auditor (who is let only at endpoints without
 * personal data) all of them, a case worker those its organisation referred or leads, an NGO also
 * those with a service referred to it. A case outside that scope
 * answers 404 exactly like a missing one, so that its existence is not disclosed.
 */
@ApplicationScoped
public class CaseAccess {

    @Inject
    CaseRepository cases;

    @Inject
    Caller caller;

    /** The case, if it exists and the caller may see it. */
    public CaseFile visible(UUID id) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        String scope = scope(params);
        return cases.find("from CaseFile c where c.id = :id" + (scope.isEmpty() ? "" : " and " + scope), params)
                .firstResultOptional().orElseThrow(() -> NrmException.notFound("case"));
    }

    /** HQL condition on alias {@code c} limiting cases to the caller's; empty for a coordinator or auditor. */
    public String scope(Map<String, Object> params) {
        if (caller.readsAllCases()) {
            return "";
        }
        Optional<String> org = caller.organisation();
        if (org.isEmpty()) {
            return "1 = 0";
        }
        params.put("callerOrg", org.get());
        String own = "(c.leadOrganisationId = :callerOrg or c.referringOrganisationId = :callerOrg";
        if (caller.is(Roles.NGO)) {
            own += " or exists (select 1 from ServiceReferral s where s.caseId = c.id"
                    + " and s.providerOrganisationId = :callerOrg)";
        }
        return own + ")";
    }
}
