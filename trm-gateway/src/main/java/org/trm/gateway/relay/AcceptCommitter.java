package org.trm.gateway.relay;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Group commit for accepts: envelopes accepted concurrently are inserted in one transaction, so
 * that one WAL flush makes a whole group durable. No request waits for a timer: whatever queued up
 * while the previous commit was flushing forms the next group, so a quiet gateway commits each
 * envelope at once and a busy one amortises the flush over many. Every caller still gets its answer
 * only after its row is committed.
 */
@ApplicationScoped
public class AcceptCommitter {
    private static final Logger LOG = Logger.getLogger(AcceptCommitter.class);
    private static final int MAX_GROUP = 256;

    @Inject
    MessageRepository messages;

    private record Pending(Message message, CompletableFuture<Boolean> inserted) {
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

    /** Inserts the message durably unless its id exists; returns whether it was inserted. */
    public boolean insert(Message message) {
        Pending pending = new Pending(message, new CompletableFuture<>());
        queue.add(pending);
        try {
            return pending.inserted().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing a message", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot store message " + message.messageId, e);
        }
    }

    private void loop() {
        List<Pending> group = new ArrayList<>(MAX_GROUP);
        while (committer != null) {
            try {
                group.add(queue.take());
                queue.drainTo(group, MAX_GROUP - 1);
                boolean[] inserted = messages.insertAllIfAbsent(group.stream().map(Pending::message).toList());
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).inserted().complete(inserted[i]);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.errorf("storing %d accepted messages failed: %s", group.size(), e.getClass().getSimpleName());
                group.forEach(p -> p.inserted().completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
    }
}
