package org.trm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.trm.model.problem.Incident;

class IncidentTest {

    @Test
    void shouldNameTheKindOfFailureAndNeverItsMessageOrClass() {
        Incident incident = Incident.of(new IllegalStateException("wrapped",
                new SQLException("ERROR: duplicate key value (name)=(Jane Doe) in INSERT INTO person", "23505")));
        assertTrue(incident.id().matches("[0-9a-f]{12}"), incident.id());
        assertEquals("SQL state 23505", incident.cause());
        String line = incident.toString();
        assertEquals("incident " + incident.id() + " (SQL state 23505)", line);
        assertFalse(line.contains("Jane") || line.contains("INSERT") || line.contains("Exception"), line);
    }

    @Test
    void shouldTellTimeoutsRefusalsAndTheRest() {
        assertEquals("timeout", Incident.of(new java.io.IOException(new HttpTimeoutException("x"))).cause());
        assertEquals("connection refused", Incident.of(new ConnectException("127.0.0.1:9")).cause());
        assertEquals("I/O failure", Incident.of(new java.io.UncheckedIOException(new java.io.IOException("x"))).cause());
        assertEquals("database failure", Incident.of(new SQLException("no state")).cause());
        assertEquals("unexpected failure", Incident.of(new IllegalArgumentException("secret")).cause());
    }

    @Test
    void shouldGiveEachIncidentItsOwnId() {
        assertNotEquals(Incident.of(new RuntimeException()).id(), Incident.of(new RuntimeException()).id());
    }
}
