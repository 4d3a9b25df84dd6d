package org.trm.gateway.problem;

import io.quarkus.scheduler.FailedExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.trm.model.problem.Incident;

/**
 * A scheduled job that failed (the queue gauges' refresh while the database is away, say), as one
 * log line with an incident id. The scheduler's own report, a stack trace that quotes SQL, is turned
 * off in application.properties; the trace is in the incident category.
 */
@ApplicationScoped
public class JobFailures {
    private static final Logger LOG = Logger.getLogger(JobFailures.class);

    void failed(@Observes FailedExecution failed) {
        LOG.errorf("scheduled job %s failed: %s", failed.getExecution().getTrigger().getId(), Incident.of(failed.getException()));
    }
}
