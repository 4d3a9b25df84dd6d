package org.trm.nrm.http;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.trm.model.code.Code;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.NrmException;

/**
 * Reads a code-list value from a query parameter as the JSON body would (wire code or constant name),
 * refusing unknown values with a problem that lists the allowed ones and does not repeat the value.
 */
public final class CodeParam {
    private CodeParam() {
    }

    public static <E extends Enum<E>> E parse(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value) || constant instanceof Code code && code.code().equals(value)) {
                return constant;
            }
        }
        throw new NrmException(ErrorCode.INVALID_VALUE, "query parameter '" + name + "' must be one of "
                + Arrays.stream(type.getEnumConstants()).map(c -> c instanceof Code code ? code.code() : c.name())
                        .collect(Collectors.joining(", ")));
    }
}
