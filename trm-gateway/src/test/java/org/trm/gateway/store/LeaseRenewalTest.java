package org.trm.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Lease renewal on the real database: a message on its way keeps its lease for as long as it is
 * renewed, while one that waits out a back-off, or whose outcome is written, is left as it is.
 * The rows' leases end in the future, so this instance's own workers leave them alone.
 */
@QuarkusTest
class LeaseRenewalTest {
    @Inject
    MessageRepository messages;

    @Inject
    DataSource dataSource;

    @Test
    void shouldRenewOnlyTheLeasesOfMessagesOnTheirWay() throws SQLException {
        Instant now = Instant.now();
        UUID onItsWay = insert("ACCEPTED", false, now.plusSeconds(3));
        UUID backingOff = insert("ACCEPTED", true, now.plusSeconds(60));
        UUID forwarded = insert("FORWARDED", false, now.plusSeconds(3));

        assertEquals(1, messages.renewLeases(List.of(onItsWay, backingOff, forwarded), Duration.ofSeconds(30)));
        assertTrue(nextAttempt(onItsWay).isAfter(now.plusSeconds(25)), "the lease runs 30 s from the renewal");
        assertTrue(nextAttempt(backingOff).isBefore(now.plusSeconds(61)), "a back-off is no lease");
        assertTrue(nextAttempt(forwarded).isBefore(now.plusSeconds(4)), "an outcome ended the lease");
    }

    private UUID insert(String state, boolean backingOff, Instant nextAttempt) throws SQLException {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO message (message_id, direction, type, from_country, to_country, conversation_id,
                    signing_kid, created_at, expires_at, sha256, size_bytes, jws, state, next_attempt_at, deadline,
                    accepted_at, backing_off)
                VALUES (?, 'OUTBOUND', 'CASE_UPDATE', 'AT', 'ZZ', ?, 'AT-sig-1', ?, ?, ?, 1, 'x', ?, ?, ?, ?, ?)""")) {
            ps.setObject(1, id);
            ps.setObject(2, UUID.randomUUID());
            ps.setObject(3, now);
            ps.setObject(4, now.plusDays(1));
            ps.setString(5, "0".repeat(64));
            ps.setString(6, state);
            ps.setObject(7, nextAttempt.atOffset(ZoneOffset.UTC));
            ps.setObject(8, now.plusDays(1));
            ps.setObject(9, now);
            ps.setBoolean(10, backingOff);
            ps.executeUpdate();
        }
        return id;
    }

    private Instant nextAttempt(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT next_attempt_at FROM message WHERE message_id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
    }
}
