package org.trm.nrm.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.trm.model.problem.ProblemCode;
import org.trm.model.problem.ProblemRegistry;
import org.trm.model.problem.ProblemType;
import org.trm.testkit.docs.ProblemTable;

/** The node's codes and the protocol's form one registry: one URI, one meaning; one cause, one URI. */
class ProblemRegistryTest {

    @Test
    void shouldFindNoConflictWhenNodeCodesJoinTheProtocols() {
        assertEquals(List.of(), ProblemRegistry.conflicts(ProblemRegistry.of(ProblemType.class, ErrorCode.class)));
    }

    @Test
    void shouldDefineNoProtocolUriAgainWhenNodeNamesItsOwnCauses() {
        Set<URI> protocol = Arrays.stream(ProblemType.values()).map(ProblemCode::type).collect(Collectors.toSet());
        assertEquals(List.of(), Arrays.stream(ErrorCode.values()).filter(c -> protocol.contains(c.type()))
                .map(Enum::name).toList());
    }

    @Test
    void shouldPublishTheProtocolsAndTheNodesCodesWhenPartnersReadTheSpecification() {
        Path spec = Path.of("../docs/PROTOCOL.md");
        ProblemTable.assertDocumentLists(spec, "**Protocol**", List.of(ProblemType.values()));
        ProblemTable.assertDocumentLists(spec, "**Node**", List.of(ErrorCode.values()));
        ProblemTable.assertNoTypeTwice(spec);
    }
}
