package org.trm.nrm.problem;

import java.sql.SQLException;

/** Telling a database that cannot be reached from any other failure. */
public final class DatabaseOutage {
    private DatabaseOutage() {
    }

    /** A connection exception (SQL state class 08) or the server going away (57P0x) anywhere in the causes. */
    public static boolean causes(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }
}
