package org.trm.model.problem;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that the problem codes a module sees form one registry: a type URI defined twice must
 * mean the same (title and status), or a client branching on it would be told two things.
 */
public final class ProblemRegistry {
    private ProblemRegistry() {
    }

    /** The entries of the given enums implementing {@link ProblemCode}, in declaration order. */
    @SafeVarargs
    public static List<ProblemCode> of(Class<? extends ProblemCode>... enums) {
        List<ProblemCode> codes = new ArrayList<>();
        for (Class<? extends ProblemCode> e : enums) {
            codes.addAll(List.of(e.getEnumConstants()));
        }
        return codes;
    }

    /** Each type URI defined twice with another title or status, described; empty when consistent. */
    public static List<String> conflicts(Collection<? extends ProblemCode> codes) {
        Map<String, ProblemCode> byType = new LinkedHashMap<>();
        List<String> conflicts = new ArrayList<>();
        for (ProblemCode code : codes) {
            ProblemCode seen = byType.putIfAbsent(code.type().toString(), code);
            if (seen != null && (seen.status() != code.status() || !seen.title().equals(code.title()))) {
                conflicts.add(code.type() + ": " + describe(seen) + " vs " + describe(code));
            }
        }
        return conflicts;
    }

    private static String describe(ProblemCode code) {
        return code.getClass().getSimpleName() + "." + code + " (" + code.status() + ", " + code.title() + ")";
    }
}
