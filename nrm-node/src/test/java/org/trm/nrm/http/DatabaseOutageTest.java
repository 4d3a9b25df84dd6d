package org.trm.nrm.http;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trm.nrm.support.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.trm.nrm.support.Api;

/**
 * The node's database drops every connection (as a PostgreSQL restart does): the node's pooled
 * connections are dead, and the next reads are still answered, from fresh ones, not refused.
 */
@QuarkusTest
class DatabaseOutageTest {

    @Test
    void shouldAnswerReadsWhenThePoolsConnectionsWereClosedByTheDatabase() throws SQLException {
        String token = Api.coordinatorToken();
        for (int i = 0; i < 3; i++) {
            as(token).get("/api/v1/cases?size=5").then().statusCode(200);
        }
        assertTrue(terminateNodeConnections() > 0, "the node held pooled connections to close");

        for (int i = 0; i < 5; i++) {
            as(token).get("/api/v1/cases?size=5").then().statusCode(200);
            as(token).get("/api/v1/statistics/tables").then().statusCode(200);
        }
    }

    /** Ends every other session of the node's database, as PostgreSQL's shutdown does; answers how many. */
    private static int terminateNodeConnections() throws SQLException {
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres");
        String password = config.getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                        WHERE datname = current_database() AND pid <> pg_backend_pid()""")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
