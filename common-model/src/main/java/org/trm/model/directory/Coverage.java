package org.trm.model.directory;

import org.trm.model.problem.ProblemType;

/**
 * Whether a message may travel between two countries at a moment, and if so under which revision
 * of which agreement; if not, why, as the problem type every hop answers with.
 */
public sealed interface Coverage {

    /** Covered by {@code agreement}; null for a failure signal within one country, which needs none. */
    record Covered(Agreement agreement) implements Coverage {
    }

    /** Not covered: {@code problem} says why, {@code detail} names the agreement and dates, never content. */
    record Refused(ProblemType problem, String detail) implements Coverage {
    }

    default boolean covered() {
        return this instanceof Covered;
    }
}
