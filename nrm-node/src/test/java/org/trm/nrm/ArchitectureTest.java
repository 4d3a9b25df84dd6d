package org.trm.nrm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.domain.JavaClasses;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;
import org.trm.arch.ArchitectureRules;

/** The rules that keep the node's shape: the shared ones (deploy/arch-rules), and declared access. */
class ArchitectureTest {
    static final JavaClasses CLASSES = ArchitectureRules.classes("org.trm.nrm");

    @Test
    void shouldKeepRepositoriesOutOfResourcesWhenHandlingHttp() {
        ArchitectureRules.resourcesDoNotTouchRepositories().check(CLASSES);
    }

    @Test
    void shouldKeepTransactionsInServicesWhenHandlingHttp() {
        ArchitectureRules.resourcesDoNotOwnTransactions().check(CLASSES);
    }

    @Test
    void shouldNeverThrowBareRuntimeExceptionWhenFailing() {
        ArchitectureRules.noBareRuntimeException().check(CLASSES);
    }

    @Test
    void shouldKeepFeaturesFreeOfCyclesWhenTheyDependOnEachOther() {
        ArchitectureRules.noFeatureCycles("org.trm.nrm").check(CLASSES);
    }

    @Test
    void shouldKeepPackagesFreeOfCyclesWhenTheyDependOnEachOther() {
        ArchitectureRules.noPackageCycles("org.trm.nrm").check(CLASSES);
    }

    @Test
    void shouldKeepRestRecordsOutOfServicesWhenTheyTakeCommands() {
        ArchitectureRules.servicesDoNotDependOnRest().check(CLASSES);
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
