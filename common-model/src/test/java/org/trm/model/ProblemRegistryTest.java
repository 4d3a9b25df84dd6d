package org.trm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trm.model.problem.ProblemCode;
import org.trm.model.problem.ProblemRegistry;
import org.trm.model.problem.ProblemType;

class ProblemRegistryTest {

    /** A stand-in for another module's codes: one entry agrees with the protocol, one contradicts it. */
    enum OtherCodes implements ProblemCode {
        SAME(403, "no-agreement", ProblemType.NO_AGREEMENT.title()),
        CONTRADICTS(413, "malformed", "Something else");

        private final int status;
        private final String slug;
        private final String title;

        OtherCodes(int status, String slug, String title) {
            this.status = status;
            this.slug = slug;
            this.title = title;
        }

        @Override
        public URI type() {
            return URI.create(PREFIX + slug);
        }

        @Override
        public String title() {
            return title;
        }

        @Override
        public int status() {
            return status;
        }
    }

    @Test
    void shouldFindNoConflictInTheProtocolsOwnCodes() {
        assertEquals(List.of(), ProblemRegistry.conflicts(ProblemRegistry.of(ProblemType.class)));
    }

    @Test
    void shouldReportAUriDefinedTwiceWithAnotherStatusOrTitle() {
        List<String> conflicts = ProblemRegistry.conflicts(ProblemRegistry.of(ProblemType.class, OtherCodes.class));
        assertEquals(1, conflicts.size(), conflicts.toString());
        assertTrue(conflicts.get(0).startsWith("urn:trm:problem:malformed: "), conflicts.get(0));
    }

    @Test
    void shouldRetryOnlyWhatMaySucceedLater() {
        assertTrue(ProblemType.UNREACHABLE.retryable());
        assertFalse(ProblemType.BAD_SIGNATURE.retryable());
        assertFalse(ProblemType.NO_AGREEMENT.retryable());
        for (int status : new int[] {0, 408, 425, 429, 500, 502, 503}) {
            assertTrue(ProblemCode.retryableStatus(status), "status " + status);
        }
        for (int status : new int[] {400, 401, 403, 404, 409, 413, 415, 421}) {
            assertFalse(ProblemCode.retryableStatus(status), "status " + status);
        }
    }

    @Test
    void shouldFindAProtocolCodeByItsTypeUri() {
        assertEquals(ProblemType.EXPIRED, ProblemType.ofType("urn:trm:problem:expired").orElseThrow());
        assertTrue(ProblemType.ofType("urn:trm:problem:gateway:not-found").isEmpty());
    }
}
