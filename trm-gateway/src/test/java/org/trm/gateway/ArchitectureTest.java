package org.trm.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.Path;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.Test;
import org.trm.gateway.relay.MessageRepository;

/** The rules that keep the gateway's layers honest. */
class ArchitectureTest {
    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.trm.gateway");

    @Test
    void shouldKeepResourcesAwayFromRepositories() {
        noClasses().that().areAnnotatedWith(Path.class).should().dependOnClassesThat()
                .areAssignableTo(MessageRepository.class).check(GATEWAY);
    }

    @Test
    void shouldKeepTransactionsOutOfResources() {
        noClasses().that().areAnnotatedWith(Path.class).should().dependOnClassesThat()
                .areAssignableTo(Transactional.class).check(GATEWAY);
    }

    @Test
    void shouldThrowTypedExceptionsOnly() {
        // Subclasses call their super constructor; everyone else throws a typed exception.
        noClasses().that().areNotAssignableTo(RuntimeException.class)
                .should().callConstructor(RuntimeException.class, String.class).orShould()
                .callConstructor(RuntimeException.class).check(GATEWAY);
    }
}
