package org.trm.nrm.cases;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.trm.model.code.Phase;

/**
 * The legal phase transitions of the TRM standard operating procedures. Forward along
 * IDENTIFICATION → FIRST_ASSISTANCE → LONG_TERM_ASSISTANCE → RETURN → CLOSED, plus:
 * <ul>
 * <li>any open phase → CLOSED (not confirmed as a victim, declined assistance, lost contact, ...);</li>
 * <li>FIRST_ASSISTANCE → RETURN: a victim may choose to go home right after the reflection period.</li>
 * </ul>
 * Never backwards, never skipping assistance, never out of CLOSED (a new case is opened instead).
 */
public final class PhasePolicy {
    private static final Map<Phase, Set<Phase>> NEXT = Map.of(
            Phase.IDENTIFICATION, EnumSet.of(Phase.FIRST_ASSISTANCE, Phase.CLOSED),
            Phase.FIRST_ASSISTANCE, EnumSet.of(Phase.LONG_TERM_ASSISTANCE, Phase.RETURN, Phase.CLOSED),
            Phase.LONG_TERM_ASSISTANCE, EnumSet.of(Phase.RETURN, Phase.CLOSED),
            Phase.RETURN, EnumSet.of(Phase.CLOSED),
            Phase.CLOSED, EnumSet.noneOf(Phase.class));

    private PhasePolicy() {
    }

    public static boolean allowed(Phase from, Phase to) {
        return NEXT.get(from).contains(to);
    }

    public static Set<Phase> next(Phase from) {
        return NEXT.get(from);
    }
}
