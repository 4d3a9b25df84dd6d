package org.trm.model.code;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Parsing of code-list values shared by every code enum. */
final class Codes {
    private Codes() {
    }

    /** Accepts the wire code or the Java constant name; anything else is refused, never defaulted. */
    static <E extends Enum<E> & Code> E parse(Class<E> type, String code) {
        for (E value : type.getEnumConstants()) {
            if (value.code().equals(code) || value.name().equals(code)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown " + type.getSimpleName() + " value; expected one of "
                + Arrays.stream(type.getEnumConstants()).map(Code::code).collect(Collectors.joining(", ")));
    }
}
