package org.trm.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;
import org.trm.arch.ArchitectureRules;

/** The rules that keep the gateway's shape, shared with every module (deploy/arch-rules). */
class ArchitectureTest {
    private static final JavaClasses GATEWAY = ArchitectureRules.classes("org.trm.gateway");

    @Test
    void shouldKeepTheFeaturesFreeOfCyclesWhenOneUsesAnother() {
        ArchitectureRules.noFeatureCycles("org.trm.gateway").check(GATEWAY);
    }

    @Test
    void shouldKeepEveryPackageFreeOfCyclesWhenOneUsesAnother() {
        ArchitectureRules.noPackageCycles("org.trm.gateway").check(GATEWAY);
    }

    @Test
    void shouldKeepResourcesAwayFromRepositories() {
        ArchitectureRules.resourcesDoNotTouchRepositories().check(GATEWAY);
    }

    @Test
    void shouldKeepTransactionsOutOfResources() {
        ArchitectureRules.resourcesDoNotOwnTransactions().check(GATEWAY);
    }

    @Test
    void shouldDeclareWhoMayCallWhenMethodIsAnEndpoint() {
        ArchitectureRules.endpointsDeclareWhoMayCall().check(GATEWAY);
    }

    @Test
    void shouldThrowTypedExceptionsOnly() {
        ArchitectureRules.noBareRuntimeException().check(GATEWAY);
    }
}
