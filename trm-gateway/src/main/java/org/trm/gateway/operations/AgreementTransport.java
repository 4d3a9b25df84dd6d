package org.trm.gateway.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.directory.DirectoryHolder;
import org.trm.model.code.MessageType;
import org.trm.model.followup.TransportFigures;
import org.trm.model.status.Direction;
import org.trm.model.status.MessageState;

/**
 * The transport half of an agreement's follow-up (docs/PROTOCOL.md section 16): the envelopes this
 * gateway accepted under the agreement in a period, by the revision its border check found in
 * force, leg, type and where each stands now. The node adds what only it can read (accepted or
 * declined) and signs the whole. Counted by PostgreSQL in one query, as agreement monitoring is:
 * a report is asked for rarely, and no index is kept for it on the relay's hot table.
 */
@ApplicationScoped
public class AgreementTransport {

    @Inject
    DataSource dataSource;

    @Inject
    DirectoryHolder directory;

    @Inject
    GatewayConfig config;

    /** The figures of agreement {@code id} in {@code [from, to)}; empty when the directory has no such agreement. */
    public Optional<TransportFigures> figures(String id, Instant from, Instant to) {
        if (directory.current().revisions(id).isEmpty()) {
            return Optional.empty();
        }
        Instant asOf = Instant.now();
        List<TransportFigures.Count> counts = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT agreement_revision, from_country, to_country, direction, type, state, count(*)
                FROM message WHERE agreement_id = ? AND accepted_at >= ? AND accepted_at < ?
                GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 4 DESC, 2, 3, 5, 6""")) {
            ps.setString(1, id);
            ps.setObject(2, from.atOffset(ZoneOffset.UTC));
            ps.setObject(3, to.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.add(new TransportFigures.Count(rs.getInt(1), rs.getString(2), rs.getString(3),
                            Direction.valueOf(rs.getString(4)), MessageType.valueOf(rs.getString(5)),
                            MessageState.valueOf(rs.getString(6)), rs.getLong(7)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the transport figures: " + e.getSQLState(), e);
        }
        return Optional.of(new TransportFigures(id, config.country(), from, to, asOf, counts));
    }
}
