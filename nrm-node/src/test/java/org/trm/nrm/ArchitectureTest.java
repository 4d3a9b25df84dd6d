package org.trm.nrm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

/** The rules that keep the node's shape: thin resources, declared access, domain exceptions only. */
class ArchitectureTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.trm.nrm");

    @Test
    void shouldKeepRepositoriesOutOfResourcesWhenHandlingHttp() {
        noClasses().that().areAnnotatedWith(Path.class).should().dependOnClassesThat()
                .areAssignableTo(PanacheRepositoryBase.class).orShould().dependOnClassesThat()
                .areAssignableTo(EntityManager.class).check(CLASSES);
    }

    @Test
    void shouldNeverThrowBareRuntimeExceptionWhenFailing() {
        noClasses().should().callConstructor(RuntimeException.class).orShould()
                .callConstructor(RuntimeException.class, String.class).orShould()
                .callConstructor(RuntimeException.class, String.class, Throwable.class).orShould()
                .callConstructor(RuntimeException.class, Throwable.class).check(CLASSES);
    }

    @Test
    void shouldDeclareWhoMayCallWhenMethodIsAnEndpoint() {
        methods().that().areDeclaredInClassesThat().areAnnotatedWith(Path.class).and().arePublic()
                .and().areAnnotatedWith(jakarta.ws.rs.GET.class).or().areAnnotatedWith(jakarta.ws.rs.POST.class)
                .or().areAnnotatedWith(jakarta.ws.rs.PUT.class).or().areAnnotatedWith(jakarta.ws.rs.DELETE.class)
                .should().beAnnotatedWith(RolesAllowed.class).orShould().beAnnotatedWith(PermitAll.class)
                .orShould().beAnnotatedWith(DenyAll.class).check(CLASSES);
    }
}
