package org.trm.gateway.operations;

import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Set;
import org.trm.model.code.MessageType;
import org.trm.model.directory.Agreement;
import org.trm.model.directory.FocalPoint;
import org.trm.model.directory.RevisionStatus;

/**
 * One revision of an agreement as the signed directory in use has it, and where it stands now;
 * {@code responseTime} is the ISO 8601 duration the directory gives it, {@code returnLeadTime} and
 * {@code returnFollowUps} the ISO 8601 periods of its return terms (null and empty: none agreed).
 */
public record AgreementRevisionView(String id, int revision, RevisionStatus status, List<String> parties,
        Set<MessageType> types, Instant validFrom, Instant validUntil, String responseTime,
        List<FocalPoint> focalPoints, int directoryVersion, String returnLeadTime, List<String> returnFollowUps) {

    static AgreementRevisionView of(Agreement a, RevisionStatus status, int directoryVersion) {
        return new AgreementRevisionView(a.id(), a.revision(), status, a.parties(), a.types(), a.validFrom(),
                a.validUntil(), a.responseTime() == null ? null : a.responseTime().toString(), a.focalPoints(), directoryVersion,
                a.returnLeadTime() == null ? null : a.returnLeadTime().toString(),
                a.returnFollowUps().stream().map(Period::toString).toList());
    }
}
