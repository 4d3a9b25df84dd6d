package org.trm.nrm.assistance;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a service referral stands. REQUESTED → ACCEPTED or DECLINED; ACCEPTED → IN_PROGRESS;
 * ACCEPTED or IN_PROGRESS → COMPLETED; any open status → CANCELLED. DECLINED, COMPLETED and
 * CANCELLED are final.
 */
public enum ServiceStatus {
    REQUESTED, ACCEPTED, DECLINED, IN_PROGRESS, COMPLETED, CANCELLED;

    public Set<ServiceStatus> next() {
        return switch (this) {
            case REQUESTED -> EnumSet.of(ACCEPTED, DECLINED, CANCELLED);
            case ACCEPTED -> EnumSet.of(IN_PROGRESS, COMPLETED, CANCELLED);
            case IN_PROGRESS -> EnumSet.of(COMPLETED, CANCELLED);
            case DECLINED, COMPLETED, CANCELLED -> EnumSet.noneOf(ServiceStatus.class);
        };
    }
}
