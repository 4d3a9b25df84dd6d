package org.trm.nrm.problem;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.vertx.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;
import org.trm.model.problem.http.RouteProblems;

/**
 * Health and metrics live on the management interface ({@code quarkus.management.port}), never on
 * the user port, where every other {@code /q/*} path is denied with a bare 401. Someone probing the
 * user port for them gets a 404 problem that names the port to ask instead. The route runs before
 * the security layer, so that this answer needs no token.
 */
@Singleton
public class ManagementPaths {

    @Inject
    HttpServer server;

    void install(@Observes Router router) {
        router.routeWithRegex("/q/(health|metrics)(/.*)?").order(Integer.MIN_VALUE + 1).handler(this::answer);
    }

    private void answer(RoutingContext ctx) {
        String detail = "health and metrics are served on the management port " + managementPort()
                + ", not on this one";
        RouteProblems.send(ctx, ErrorCode.NOT_FOUND.toProblem(detail, ctx.request().path(), (String) null));
    }

    /**
     * The configured port ({@code quarkus.management.port}, or its test-port in tests): Quarkus
     * records the port it bound only when that differs from the configured one (a random port).
     */
    private int managementPort() {
        int bound = server.getManagementPort();
        if (bound > 0) {
            return bound;
        }
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.management.test-port" : "quarkus.management.port";
        return ConfigProvider.getConfig().getValue(key, Integer.class);
    }
}
