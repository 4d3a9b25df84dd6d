package org.trm.nrm.problem;

import java.sql.SQLException;

/** Telling a database that cannot be reached from any other failure. */
public final class DatabaseOutage {
    private DatabaseOutage() {
    }

    /**
     * A connection exception (SQL state class 08), the server going away (57P0x) or refusing more
     * connections (53300, too_many_connections) anywhere in the causes: each passes, so the caller
     * is told to retry (503), not that the node failed.
     */
    public static boolean causes(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0")
                    || sql.getSQLState().equals("53300"))) {
                return true;
            }
        }
        return false;
    }
}
