package org.trm.faults;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The federation's databases, read directly (the local PostgreSQL, trust authentication): the
 * nodes' transnational messages and the gateways' queues are the record of what became of each
 * message. A connection per query, so that a PostgreSQL restart costs the suite nothing.
 */
final class Databases {
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/";

    /** A node's copy of a message: which way, its state, its hash, and for an outgoing one the hash its receipt names. */
    record NodeRow(UUID messageId, String direction, String type, String state, String sha256, String receiptSha256,
            String lastError) {
    }

    /** A gateway's copy of a message or a receipt; {@code inReplyTo} is the message a receipt answers. */
    record GatewayRow(UUID messageId, String direction, String type, String state, UUID inReplyTo, String lastError) {
    }

    private final String prefix;

    Databases(String prefix) {
        this.prefix = prefix;
    }

    String nodeDatabase(String country) {
        return prefix + "nrm_" + country.toLowerCase();
    }

    String gatewayDatabase(String country) {
        return prefix + "gw_" + country.toLowerCase();
    }

    /** Every transnational message the node holds, both ways. */
    List<NodeRow> nodeMessages(String country) throws SQLException {
        List<NodeRow> rows = new ArrayList<>();
        try (Connection c = connect(nodeDatabase(country));
                PreparedStatement ps = c.prepareStatement("""
                        SELECT message_id, direction, type, state, sha256, receipt_sha256, last_error
                        FROM transnational_message""");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new NodeRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)));
            }
        }
        return rows;
    }

    /** Every row of the gateway's queue, messages and receipts, both ways. */
    List<GatewayRow> gatewayMessages(String country) throws SQLException {
        List<GatewayRow> rows = new ArrayList<>();
        try (Connection c = connect(gatewayDatabase(country));
                PreparedStatement ps = c.prepareStatement("""
                        SELECT message_id, direction, type, state, in_reply_to, last_error FROM message""");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new GatewayRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, UUID.class), rs.getString(6)));
            }
        }
        return rows;
    }

    /** Of {@code ids}, those the sending node holds in a final state (RECEIPTED or FAILED). */
    Set<UUID> settled(String country, Collection<UUID> ids) throws SQLException {
        Set<UUID> done = new HashSet<>();
        try (Connection c = connect(nodeDatabase(country));
                PreparedStatement ps = c.prepareStatement("""
                        SELECT message_id FROM transnational_message
                        WHERE message_id = ANY(?) AND state IN ('RECEIPTED', 'FAILED')""")) {
            Array array = c.createArrayOf("uuid", ids.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    done.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return done;
    }

    /** Messages in the node's outbox, not yet handed to its gateway. */
    int queued(String country) throws SQLException {
        return count(nodeDatabase(country), "SELECT count(*) FROM transnational_message WHERE state = 'QUEUED'");
    }

    /** Messages a gateway replica has leased (on their way to the next hop, not yet recorded). */
    int leased(String country) throws SQLException {
        return count(gatewayDatabase(country),
                "SELECT count(*) FROM message WHERE state = 'ACCEPTED' AND next_attempt_at > now()");
    }

    /** Rows per state in each table, for the report. */
    Map<String, Integer> states(String database, String table) throws SQLException {
        Map<String, Integer> states = new HashMap<>();
        try (Connection c = connect(database);
                PreparedStatement ps = c.prepareStatement("SELECT state, count(*) FROM " + table + " GROUP BY state");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                states.put(rs.getString(1), rs.getInt(2));
            }
        }
        return states;
    }

    private int count(String database, String sql) throws SQLException {
        try (Connection c = connect(database); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Connection connect(String database) throws SQLException {
        Connection c = DriverManager.getConnection(URL + database + "?connectTimeout=3&socketTimeout=30", "trm", "trm");
        c.setReadOnly(true);
        return c;
    }
}
