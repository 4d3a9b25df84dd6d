package org.trm.gateway.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.trm.gateway.directory.DirectoryHolder;

/** Ready only with a verified federation directory: without one every envelope would be refused. */
@Readiness
@ApplicationScoped
public class DirectoryReadiness implements HealthCheck {
    @Inject
    DirectoryHolder directory;

    @Override
    public HealthCheckResponse call() {
        return directory.loaded()
                .map(d -> HealthCheckResponse.named("federation-directory").up()
                        .withData("version", d.version()).withData("issuedAt", d.issuedAt().toString()).build())
                .orElseGet(() -> HealthCheckResponse.named("federation-directory").down().build());
    }
}
