package org.trm.nrm.problem;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test-only endpoint that fails unexpectedly, to check what a 500 shows. */
@Path("/test/failing")
public class FailingResource {

    /** Open: it exists only in the test build and reveals nothing. */
    @GET
    @PermitAll
    public String fail() {
        throw new IllegalStateException("secret internal detail at org.trm.Something");
    }
}
