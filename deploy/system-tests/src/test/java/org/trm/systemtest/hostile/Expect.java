package org.trm.systemtest.hostile;

import org.trm.model.problem.ProblemType;

/**
 * The answer a hostile request must get: a problem of the registry (docs/PROTOCOL.md §11) with its
 * status, that problem as the one result of a batch (§9: the batch is answered 200, its member
 * refused), the TLS handshake's refusal (a gateway requires a federation certificate, §10), or for
 * a read that must simply find nothing, a plain status.
 */
sealed interface Expect {
    /** Refused with {@code type} (the problem's URI) and {@code status}. */
    record Problem(int status, String type) implements Expect {
        @Override
        public String toString() {
            return status + " " + type;
        }
    }

    /** The only envelope of a batch refused as {@code member}; the batch itself answered 200. */
    record InBatch(Problem member) implements Expect {
        @Override
        public String toString() {
            return "200, its member " + member;
        }
    }

    /** No connection: the TLS handshake refuses the client certificate, or its absence. */
    record TlsRefused() implements Expect {
        @Override
        public String toString() {
            return "refused in the TLS handshake";
        }
    }

    /** Answered {@code status} with JSON that holds none of the rows the request fishes for. */
    record Empty(int status) implements Expect {
        @Override
        public String toString() {
            return status + " with nothing found";
        }
    }

    /**
     * The high-S twin of a valid signature, refused at every hop with its own type (issue 13:
     * canonical signatures, so that a message's hash is fixed).
     */
    Problem HIGH_S = new Problem(400, "urn:trm:problem:non-canonical-signature");

    static Problem of(ProblemType type) {
        return new Problem(type.status(), type.type().toString());
    }

    static Problem gateway(int status, String slug) {
        return new Problem(status, "urn:trm:problem:gateway:" + slug);
    }

    static Problem node(int status, String slug) {
        return new Problem(status, "urn:trm:problem:" + slug);
    }

    static Expect tlsRefused() {
        return new TlsRefused();
    }
}
