package org.trm.nrm.followup.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trm.model.directory.RevisionStatus;
import org.trm.nrm.followup.FollowUpService;

/**
 * An agreement this country is a party to, as the signed directory has it: its revisions oldest
 * first, each with its parties, dates, the agreed response time and return terms (ISO 8601), and
 * where it stands now. What the console lists the follow-up reports by.
 */
public record AgreementView(String id, List<Revision> revisions) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Revision(int revision, RevisionStatus status, List<String> parties, List<String> types,
            Instant validFrom, Instant validUntil, String responseTime, String returnLeadTime,
            List<String> returnFollowUps) {
    }

    /** The revisions grouped by agreement, in the order given (by id, then revision). */
    public static List<AgreementView> of(List<FollowUpService.Terms> terms) {
        Map<String, List<Revision>> byId = new LinkedHashMap<>();
        for (FollowUpService.Terms t : terms) {
            var a = t.revision();
            byId.computeIfAbsent(a.id(), k -> new ArrayList<>()).add(new Revision(a.revision(), t.status(),
                    a.parties(), a.types().stream().map(Enum::name).toList(), a.validFrom(), a.validUntil(),
                    a.responseTime() == null ? null : a.responseTime().toString(),
                    a.returnLeadTime() == null ? null : a.returnLeadTime().toString(),
                    a.returnFollowUps().stream().map(Object::toString).toList()));
        }
        return byId.entrySet().stream().map(e -> new AgreementView(e.getKey(), List.copyOf(e.getValue()))).toList();
    }
}
