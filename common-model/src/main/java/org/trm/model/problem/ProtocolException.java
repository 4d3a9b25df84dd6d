package org.trm.model.problem;

/** A message refused by the protocol. The detail never carries payload or personal data. */
public class ProtocolException extends RuntimeException {
    private final ProblemType problem;

    public ProtocolException(ProblemType problem, String detail) {
        super(detail);
        this.problem = problem;
    }

    public ProtocolException(ProblemType problem, String detail, Throwable cause) {
        super(detail, cause);
        this.problem = problem;
    }

    public ProblemType problem() {
        return problem;
    }
}
