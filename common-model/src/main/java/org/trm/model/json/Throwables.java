package org.trm.model.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.trm.model.problem.ProtocolException;

/** Describes a parse failure by its location and cause only: Jackson's messages may quote input. */
final class Throwables {
    private Throwables() {
    }

    static String safeMessage(Exception e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            // Our own validation messages (records' constructors, code lists) never quote input.
            if (t instanceof ProtocolException) {
                return t.getMessage();
            }
            if (t instanceof IllegalArgumentException && t.getMessage() != null && t.getMessage().startsWith("unknown ")) {
                return t.getMessage();
            }
        }
        if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
            return "invalid content at line " + jpe.getLocation().getLineNr() + ", column "
                    + jpe.getLocation().getColumnNr();
        }
        return "invalid content";
    }
}
