package org.trm.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    private final com.tngtech.archunit.core.domain.JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.trm.model");

    @Test
    void shouldNotDependOnQuarkusSoPartnersCanUseIt() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.smallrye..", "jakarta.enterprise..")
                .check(classes);
    }

    @Test
    void shouldNotThrowBareRuntimeExceptions() {
        noClasses().should().callConstructor(RuntimeException.class).check(classes);
    }
}
