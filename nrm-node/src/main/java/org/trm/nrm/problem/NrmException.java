package org.trm.nrm.problem;

/** A refused request. The detail is shown to the caller, so it never holds personal data. */
public class NrmException extends RuntimeException {
    private final ErrorCode code;

    public NrmException(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static NrmException notFound(String what) {
        return new NrmException(ErrorCode.NOT_FOUND, what + " not found");
    }
}
