package org.trm.nrm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import jakarta.ws.rs.GET;
import org.junit.jupiter.api.Test;
import org.trm.arch.ArchitectureRules;
import org.trm.nrm.http.OutageTolerant;

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
        ArchitectureRules.endpointsDeclareWhoMayCall().check(CLASSES);
    }

    @Test
    void shouldRideOutADatabaseRestartWhenAResourceReads() {
        classes().that().containAnyMethodsThat(com.tngtech.archunit.base.DescribedPredicate.describe("are annotated @GET",
                m -> m.isAnnotatedWith(GET.class))).should().beAnnotatedWith(OutageTolerant.class)
                .because("a read waits out a PostgreSQL restart instead of failing (OutageTolerance)").check(CLASSES);
    }
}
