package org.trm.evidence.verifier;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;
import org.trm.arch.ArchitectureRules;

/** The verifier runs where no server of the federation does: nothing from Quarkus (deploy/arch-rules). */
class ArchitectureTest {
    private static final JavaClasses CLASSES = ArchitectureRules.classes("org.trm.evidence.verifier");

    @Test
    void shouldNotDependOnQuarkusSoItRunsAlone() {
        ArchitectureRules.importsNothingFromQuarkus().check(CLASSES);
    }

    @Test
    void shouldNotThrowBareRuntimeExceptions() {
        ArchitectureRules.noBareRuntimeException().check(CLASSES);
    }
}
