package org.trm.gateway.intake;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.trm.gateway.relay.InFlight;
import org.trm.gateway.store.Message;
import org.trm.gateway.store.MessageRepository;
import org.trm.model.problem.Incident;

/**
 * Group commit for accepts: envelopes accepted concurrently are inserted in one transaction, so
 * that one WAL flush makes a whole group durable. No request waits for a timer: whatever queued up
 * while the previous commit was flushing forms the next group, so a quiet gateway commits each
 * envelope at once and a busy one amortises the flush over many. Every caller still gets its answer
 * only after its row is committed, and no thread waits for it meanwhile. What the relay has room
 * for is stored already leased to this instance and handed straight to it after the commit; the
 * rest is left due for the relay's next claim.
 */
@ApplicationScoped
public class AcceptCommitter {
    private static final Logger LOG = Logger.getLogger(AcceptCommitter.class);
    private static final int MAX_GROUP = 256;

    @Inject
    MessageRepository messages;

    @Inject
    InFlight inFlight;

    private record Pending(Message message, CompletableFuture<Boolean> inserted, Context context) {
        /** Completes on the caller's context when it has one, so that no request continues on the committer. */
        void settle(Runnable completion) {
            if (context == null) {
                completion.run();
            } else {
                context.runOnContext(v -> completion.run());
            }
        }
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile Thread committer;

    void start(@Observes StartupEvent event) {
        committer = new Thread(this::loop, "accept-committer");
        committer.setDaemon(true);
        committer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        Thread t = committer;
        committer = null;
        if (t != null) {
            t.interrupt();
        }
    }

    /**
     * Inserts the message durably unless its id exists; completes with whether it was inserted.
     */
    public CompletableFuture<Boolean> insert(Message message) {
        Pending pending = new Pending(message, new CompletableFuture<>(), Vertx.currentContext());
        queue.add(pending);
        return pending.inserted().orTimeout(30, TimeUnit.SECONDS);
    }

    private void loop() {
        List<Pending> group = new ArrayList<>(MAX_GROUP);
        while (committer != null) {
            try {
                group.add(queue.take());
                queue.drainTo(group, MAX_GROUP - 1);
                boolean[] inserted = inFlight.storeAndSend(group.stream().map(Pending::message).toList(),
                        messages::insertAllIfAbsent);
                for (int i = 0; i < group.size(); i++) {
                    Pending p = group.get(i);
                    boolean value = inserted[i];
                    p.settle(() -> p.inserted().complete(value));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.errorf("storing %d accepted messages failed: %s", group.size(), Incident.of(e));
                group.forEach(p -> p.settle(() -> p.inserted().completeExceptionally(e)));
            } finally {
                group.clear();
            }
        }
    }
}
