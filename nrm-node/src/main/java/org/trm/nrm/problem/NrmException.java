package org.trm.nrm.problem;

import org.trm.model.problem.ProblemCode;

/** A refused request. The detail is shown to the caller, so it never holds personal data. */
public class NrmException extends RuntimeException {
    private final ProblemCode code;

    public NrmException(ProblemCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public ProblemCode code() {
        return code;
    }

    public static NrmException notFound(String what) {
        return new NrmException(ErrorCode.NOT_FOUND, what + " not found");
    }
}
