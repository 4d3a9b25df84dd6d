package org.trm.gateway.relay;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.trm.gateway.store.Message;

/** What next hops answered for leased messages, waiting to be recorded by the {@link OutcomeWriter}. */
@ApplicationScoped
public class Answers {

    /** A leased message and what its next hop answered. */
    record Answered(Message message, HopResponse response) {
    }

    private final BlockingQueue<Answered> queue = new LinkedBlockingQueue<>();

    void add(Message message, HopResponse response) {
        queue.add(new Answered(message, response));
    }

    /** Waits for one answer, then takes whatever else has arrived, up to {@code max} in all. */
    void takeInto(List<Answered> batch, int max) throws InterruptedException {
        batch.add(queue.take());
        queue.drainTo(batch, max - 1);
    }
}
