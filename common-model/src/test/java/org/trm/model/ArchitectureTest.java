package org.trm.model;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;
import org.trm.arch.ArchitectureRules;

/** The contract's shape, by the rules every module shares (deploy/arch-rules). */
class ArchitectureTest {
    private static final JavaClasses CLASSES = ArchitectureRules.classes("org.trm.model");

    @Test
    void shouldNotDependOnQuarkusSoPartnersCanUseIt() {
        ArchitectureRules.importsNothingFromQuarkus().check(CLASSES);
    }

    @Test
    void shouldNotThrowBareRuntimeExceptions() {
        ArchitectureRules.noBareRuntimeException().check(CLASSES);
    }

    @Test
    void shouldKeepPackagesFreeOfCyclesSoEachReadsFromTheOnesItUses() {
        ArchitectureRules.noPackageCycles("org.trm.model").check(CLASSES);
    }
}
