package org.trm.model.problem;

import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * An unexpected failure as the logs and a 500 problem show it: a short random id and a cause that
 * says what kind of failure it was (an SQL state, a timeout), never its message, its class or its
 * stack trace, which quote SQL, rows and internals. The trace goes to the category
 * {@value #TRACES} at DEBUG, off by default, under the same id, for whoever turns it on to look.
 *
 * @param id    twelve hexadecimal characters, shared by the log line, the problem answer and the trace
 * @param cause what kind of failure, e.g. {@code SQL state 08006}
 */
public record Incident(String id, String cause) {
    /** Where the stack traces of incidents go, at DEBUG: off unless an operator turns it on. */
    public static final String TRACES = "org.trm.incident";

    private static final System.Logger TRACE_LOG = System.getLogger(TRACES);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new incident of {@code failure}; its trace is logged at DEBUG in {@value #TRACES}. */
    public static Incident of(Throwable failure) {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        Incident incident = new Incident(HexFormat.of().formatHex(bytes), causeOf(failure));
        if (TRACE_LOG.isLoggable(Level.DEBUG)) {
            TRACE_LOG.log(Level.DEBUG, "incident " + incident.id, failure);
        }
        return incident;
    }

    /** The kind of failure, from the first cause in the chain that names one. */
    static String causeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return "SQL state " + sql.getSQLState();
            }
            if (t instanceof HttpTimeoutException || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof java.net.SocketTimeoutException) {
                return "timeout";
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException) {
                return "database failure";
            }
            if (t instanceof java.io.IOException) {
                return "I/O failure";
            }
        }
        return "unexpected failure";
    }

    /** As a log line or a problem's detail names it: {@code incident 3f9a1c2b7d10 (SQL state 08006)}. */
    @Override
    public String toString() {
        return "incident " + id + " (" + cause + ")";
    }
}
