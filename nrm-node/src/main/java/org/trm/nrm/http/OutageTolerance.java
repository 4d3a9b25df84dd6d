package org.trm.nrm.http;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.ws.rs.GET;
import java.time.Duration;
import org.jboss.logging.Logger;
import org.trm.nrm.problem.DatabaseOutage;

/**
 * A read that fails because the database cannot be reached (refused connections while PostgreSQL
 * restarts, a pooled connection it closed) is run again, for up to {@link #PATIENCE}: a restart
 * takes a second or two, and a caller is better served late than refused. The read runs again
 * whole, each time in a transaction of its own (this interceptor is outside the services'
 * {@code @Transactional}); what it may write (the audit entry of a read) is at worst written twice,
 * never lost. Writes are not repeated: whether a lost connection's commit happened cannot be known
 * here, so they are refused with {@code database-unavailable} (503) and the caller decides.
 */
@OutageTolerant
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class OutageTolerance {
    private static final Logger LOG = Logger.getLogger(OutageTolerance.class);
    static final Duration PATIENCE = Duration.ofMillis(4500);
    private static final long PAUSE_MS = 200;

    @Inject
    TransactionManager transactions;

    @AroundInvoke
    Object ride(InvocationContext context) throws Exception {
        if (!context.getMethod().isAnnotationPresent(GET.class) || inTransaction()) {
            return context.proceed();
        }
        long giveUp = System.nanoTime() + PATIENCE.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return context.proceed();
            } catch (RuntimeException e) {
                if (!DatabaseOutage.causes(e) || System.nanoTime() > giveUp) {
                    throw e;
                }
                LOG.debugf("%s: the database cannot be reached (attempt %d), reading again", context.getMethod().getName(),
                        attempt);
                Thread.sleep(PAUSE_MS);
            }
        }
    }

    private boolean inTransaction() throws SystemException {
        return transactions.getStatus() != Status.STATUS_NO_TRANSACTION;
    }
}
