package org.trm.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The rules that keep the gateway's shape: features without cycles, thin resources, declared access, typed exceptions. */
class ArchitectureTest {
    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.trm.gateway");

    @Test
    void shouldKeepTheFeaturesFreeOfCyclesWhenOneUsesAnother() {
        slices().matching("org.trm.gateway.(*)..").should().beFreeOfCycles().check(GATEWAY);
    }

    @Test
    void shouldKeepEveryPackageFreeOfCyclesWhenOneUsesAnother() {
        slices().matching("org.trm.gateway.(**)").should().beFreeOfCycles().check(GATEWAY);
    }

    @Test
    void shouldKeepResourcesAwayFromRepositories() {
        noClasses().that().areAnnotatedWith(Path.class).should().dependOnClassesThat()
                .areAssignableTo(PanacheRepositoryBase.class).orShould().dependOnClassesThat()
                .areAssignableTo(EntityManager.class).orShould().dependOnClassesThat()
                .areAssignableTo(DataSource.class).check(GATEWAY);
    }

    @Test
    void shouldKeepTransactionsOutOfResources() {
        noClasses().that().areAnnotatedWith(Path.class).should().dependOnClassesThat()
                .areAssignableTo(Transactional.class).check(GATEWAY);
    }

    @Test
    void shouldDeclareWhoMayCallWhenMethodIsAnEndpoint() {
        methods().that().areDeclaredInClassesThat().areAnnotatedWith(Path.class).and().arePublic()
                .and().areAnnotatedWith(jakarta.ws.rs.GET.class).or().areAnnotatedWith(jakarta.ws.rs.POST.class)
                .or().areAnnotatedWith(jakarta.ws.rs.PUT.class).or().areAnnotatedWith(jakarta.ws.rs.DELETE.class)
                .should().beAnnotatedWith(RolesAllowed.class).orShould().beDeclaredInClassesThat()
                .areAnnotatedWith(RolesAllowed.class).check(GATEWAY);
    }

    @Test
    void shouldThrowTypedExceptionsOnly() {
        // Subclasses call their super constructor; everyone else throws a typed exception.
        noClasses().that().areNotAssignableTo(RuntimeException.class)
                .should().callConstructor(RuntimeException.class).orShould()
                .callConstructor(RuntimeException.class, String.class).orShould()
                .callConstructor(RuntimeException.class, String.class, Throwable.class).orShould()
                .callConstructor(RuntimeException.class, Throwable.class).check(GATEWAY);
    }
}
