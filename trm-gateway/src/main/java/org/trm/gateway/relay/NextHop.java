package org.trm.gateway.relay;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.trm.gateway.GatewayConfig;
import org.trm.gateway.directory.DirectoryHolder;
import org.trm.gateway.store.Message;
import org.trm.model.directory.Participant;
import org.trm.model.status.Direction;

/**
 * Routing and batching: where each leased message goes next (the recipient country's gateway, as
 * the directory names it, or the own node) and in which batches. Every message's answer goes to
 * {@link Answers}, and each batch's to {@link Reachability}; a message with nowhere to go is answered
 * "unreachable" at once.
 */
@ApplicationScoped
public class NextHop {
    /** Well below the peers' request size limit (16 MB by default). */
    private static final long MAX_BATCH_CHARS = 4L << 20;

    @Inject
    GatewayConfig config;

    @Inject
    DirectoryHolder directory;

    @Inject
    HopClient hops;

    @Inject
    Answers answers;

    @Inject
    Reachability reachability;

    /**
     * Sends leased messages in batches per next hop (a peer gateway, or the own node, which answers
     * each delivery in a batch with its receipt) of at most {@code batch-size} envelopes and
     * {@value #MAX_BATCH_CHARS} characters ({@code trm.node.max-batch-chars} to the node).
     */
    void send(List<Message> leased) {
        Map<String, List<Message>> byHop = new LinkedHashMap<>();
        for (Message m : leased) {
            Optional<String> url = target(m);
            if (url.isEmpty()) {
                answers.add(m, new HopResponse(0, null, null, "no gateway URL for " + m.toCountry));
            } else {
                byHop.computeIfAbsent(url.get(), u -> new ArrayList<>()).add(m);
            }
        }
        byHop.forEach((url, messages) -> {
            long maxChars = messages.get(0).direction == Direction.INBOUND ? config.node().maxBatchChars() : MAX_BATCH_CHARS;
            List<Message> batch = new ArrayList<>();
            long chars = 0;
            for (Message m : messages) {
                if (!batch.isEmpty() && (batch.size() == config.relay().batchSize() || chars + m.jws.length() > maxChars)) {
                    sendBatch(url, batch);
                    batch = new ArrayList<>();
                    chars = 0;
                }
                batch.add(m);
                chars += m.jws.length();
            }
            sendBatch(url, batch);
        });
    }

    private void sendBatch(String url, List<Message> batch) {
        reachability.sending(batch);
        hops.postBatch(url, batch.stream().map(m -> m.jws).toList()).thenAccept(responses -> {
            reachability.answered(batch, responses);
            for (int i = 0; i < batch.size(); i++) {
                answers.add(batch.get(i), responses.get(i));
            }
        });
    }

    private Optional<String> target(Message m) {
        if (m.direction == Direction.INBOUND) {
            return Optional.of(strip(config.node().url()) + "/federation/v1/inbox");
        }
        return directory.current().participant(m.toCountry).map(Participant::gatewayUrl)
                .filter(u -> u != null && !u.isBlank()).map(u -> strip(u) + "/federation/v1/envelopes");
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
