package org.trm.gateway.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trm.model.problem.ProblemCode;
import org.trm.model.problem.ProblemRegistry;
import org.trm.model.problem.ProblemType;
import org.trm.testkit.docs.ProblemTable;

/** The gateway's codes and the protocol's form one registry, and the published URIs stay as they are. */
class ProblemRegistryTest {

    @Test
    void shouldDefineNoTypeUriTwiceWhenGatewayAndProtocolCodesMeet() {
        assertEquals(List.of(), ProblemRegistry.conflicts(ProblemRegistry.of(ProblemType.class, GatewayError.class)));
    }

    @Test
    void shouldKeepThePublishedGatewayUrisWhenImplementingTheRegistry() {
        assertEquals("urn:trm:problem:gateway:caller-not-allowed", GatewayError.CALLER_NOT_ALLOWED.type().toString());
        assertEquals("urn:trm:problem:gateway:directory-unavailable", GatewayError.DIRECTORY_UNAVAILABLE.type().toString());
        for (GatewayError e : GatewayError.values()) {
            assertTrue(e.type().toString().startsWith(ProblemCode.PREFIX + "gateway:"), e.name());
        }
    }

    @Test
    void shouldRetryOnlyWhatMaySucceedLaterWhenAPeerRefuses() {
        assertTrue(GatewayError.DIRECTORY_UNAVAILABLE.retryable());
        assertTrue(GatewayError.INTERNAL.retryable());
        assertFalse(GatewayError.CALLER_NOT_ALLOWED.retryable());
        assertFalse(GatewayError.NOT_DEAD.retryable());
    }

    @Test
    void shouldFindTheCodeARelayedProblemNamesWhenItIsInTheRegistry() {
        assertEquals(ProblemType.NO_AGREEMENT, GatewayError.known("urn:trm:problem:no-agreement").orElseThrow());
        assertEquals(GatewayError.NOT_FOUND, GatewayError.known("urn:trm:problem:gateway:not-found").orElseThrow());
        assertTrue(GatewayError.known("urn:trm:problem:node:something-else").isEmpty());
    }

    @Test
    void shouldPublishTheGatewaysCodesWhenPartnersReadTheSpecification() {
        Path spec = Path.of("../docs/PROTOCOL.md");
        ProblemTable.assertDocumentLists(spec, "**Gateway**", List.of(GatewayError.values()));
        ProblemTable.assertNoTypeTwice(spec);
    }
}
