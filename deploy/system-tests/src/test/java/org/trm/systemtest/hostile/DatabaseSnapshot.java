package org.trm.systemtest.hostile;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every table of every database of the federation, as a row count and a hash of all its rows, and
 * every sequence's last value: what "nothing changed" is checked against. Read over JDBC from the
 * local PostgreSQL (trust authentication). {@code excluded} names tables ({@code db.table}) whose
 * rows change with time alone; each has its reason where it is declared.
 */
record DatabaseSnapshot(Map<String, String> tables) {
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/";

    static DatabaseSnapshot of(List<String> databases, Map<String, String> excluded) {
        Map<String, String> out = new TreeMap<>();
        for (String db : databases) {
            try (Connection c = DriverManager.getConnection(URL + db, "trm", "trm"); Statement s = c.createStatement()) {
                List<String> names = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT table_schema, table_name FROM information_schema.tables "
                        + "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') "
                        + "ORDER BY 1, 2")) {
                    while (rs.next()) {
                        names.add("\"" + rs.getString(1) + "\".\"" + rs.getString(2) + "\"");
                    }
                }
                for (String table : names) {
                    String key = db + "." + table.replace("\"", "").replaceFirst("^public\\.", "");
                    if (excluded.containsKey(key)) {
                        continue;
                    }
                    // The hash of the sorted row hashes: independent of the physical order of the rows.
                    try (ResultSet rs = s.executeQuery("SELECT count(*), coalesce(md5(string_agg(h, '' ORDER BY h)), '-') "
                            + "FROM (SELECT md5(t::text) AS h FROM " + table + " t) rows")) {
                        rs.next();
                        out.put(key, rs.getLong(1) + " rows, " + rs.getString(2));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT schemaname || '.' || sequencename, coalesce(last_value, 0) FROM pg_sequences")) {
                    while (rs.next()) {
                        out.put(db + ".sequence " + rs.getString(1).replaceFirst("^public\\.", ""), "last value " + rs.getLong(2));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read database " + db, e);
            }
        }
        return new DatabaseSnapshot(out);
    }

    /** What differs from {@code before}, one line per table, or an empty list. */
    List<String> changesSince(DatabaseSnapshot before) {
        List<String> changes = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(before.tables.keySet());
        keys.addAll(tables.keySet());
        for (String key : keys) {
            String was = before.tables.get(key);
            String is = tables.get(key);
            if (was == null || !was.equals(is)) {
                changes.add(key + ": " + was + " -> " + is);
            }
        }
        return changes;
    }
}
