package org.trm.evidence.verifier;

/** One line of the verifier's report: which item, which check, what it found. */
record Finding(Outcome outcome, String item, String check, String detail) {

    enum Outcome {
        /** The check passed. */
        OK,
        /** The check failed: the bundle does not prove what it claims. */
        FAIL,
        /** Neither: something a reader should know, e.g. what the bundle cannot prove. */
        NOTE
    }

    @Override
    public String toString() {
        return String.format("%-4s  %s: %s: %s", outcome, item, check, detail);
    }
}
