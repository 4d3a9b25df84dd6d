package org.trm.nrm.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * V51 converts what a node stored before the one Direction: rows written with OUTGOING/OUT and
 * INCOMING/IN read as OUTBOUND and INBOUND. Runs the real migrations on the test database, in a
 * schema of its own so that the application's tables are left alone.
 */
class DirectionMigrationTest {
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/nrm_test";
    private static final String SCHEMA = "direction_migration";

    private static Flyway flyway(String target) {
        return Flyway.configure().dataSource(URL, "trm", "trm").schemas(SCHEMA).outOfOrder(true).cleanDisabled(false)
                .locations("classpath:db/migration").target(target).load();
    }

    @AfterEach
    void dropSchema() {
        flyway("latest").clean();
    }

    @Test
    void shouldConvertStoredDirectionsWhenNodeUpgrades() throws Exception {
        flyway("latest").clean();
        flyway("50").migrate();
        try (Connection db = DriverManager.getConnection(URL, "trm", "trm"); Statement sql = db.createStatement()) {
            sql.execute("SET search_path TO " + SCHEMA);
            sql.execute("""
                    INSERT INTO conversation (id, direction, partner, status, created_at, updated_at, version) VALUES
                      ('00000000-0000-0000-0000-000000000001', 'OUTGOING', 'BG', 'PENDING', now(), now(), 0),
                      ('00000000-0000-0000-0000-000000000002', 'INCOMING', 'RO', 'PENDING', now(), now(), 0)""");
            sql.execute("""
                    INSERT INTO transnational_message (message_id, conversation_id, direction, type, state, jws, sha256,
                      created_at, expires_at, attempts) VALUES
                      ('00000000-0000-0000-0000-00000000000a', '00000000-0000-0000-0000-000000000001', 'OUT', 'REFERRAL',
                       'SENT', 'a.b.c', 'x', now(), now(), 1),
                      ('00000000-0000-0000-0000-00000000000b', '00000000-0000-0000-0000-000000000002', 'IN', 'REFERRAL',
                       'RECEIVED', 'a.b.c', 'y', now(), now(), 0)""");
            flyway("51").migrate();
            assertEquals(List.of("OUTBOUND", "INBOUND"), column(sql, "SELECT direction FROM conversation ORDER BY id"));
            assertEquals(List.of("OUTBOUND", "INBOUND"),
                    column(sql, "SELECT direction FROM transnational_message ORDER BY message_id"));
        }
    }

    private static List<String> column(Statement sql, String query) throws Exception {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
