package org.trm.faults;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the stream was promised: every message a node answered 202 for (it is then in the node's
 * outbox, committed), and the conversations the stream opened, to send updates in.
 */
final class Ledger {
    /** One message a node took: from its country to a partner, at the suite's clock. */
    record Sent(UUID messageId, UUID conversationId, String type, String from, String to, Instant at) {
    }

    /** A conversation the stream opened: {@code from} referred a case to {@code to}. */
    record Conversation(UUID id, String from, String to, Instant at) {
    }

    private final Map<UUID, Sent> sent = new ConcurrentHashMap<>();
    private final Map<String, List<Conversation>> conversations = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> lastInConversation = new ConcurrentHashMap<>();

    void sent(Sent message) {
        sent.put(message.messageId(), message);
        lastInConversation.put(message.conversationId(), message.at());
    }

    void opened(Conversation conversation) {
        List<Conversation> list = conversations.computeIfAbsent(conversation.from() + conversation.to(),
                k -> new ArrayList<>());
        synchronized (list) {
            list.add(conversation);
        }
    }

    /**
     * A random one of the latest conversations {@code from} opened with {@code to} before
     * {@code before} that carried no message for {@code quiet}, or null if a few tries find none.
     * Updates are spread so: a conversation carries one message at a time, the next only once the
     * previous is delivered, and a stream that piled updates into a few would measure that queue.
     */
    Conversation recent(String from, String to, Instant before, int among, java.time.Duration quiet) {
        Instant idleSince = Instant.now().minus(quiet);
        for (int i = 0; i < 8; i++) {
            Conversation c = anyRecent(from, to, before, among);
            if (c == null) {
                return null;
            }
            if (!lastInConversation.getOrDefault(c.id(), Instant.EPOCH).isAfter(idleSince)) {
                lastInConversation.put(c.id(), Instant.now());
                return c;
            }
        }
        return null;
    }

    private Conversation anyRecent(String from, String to, Instant before, int among) {
        List<Conversation> list = conversations.get(from + to);
        if (list == null) {
            return null;
        }
        synchronized (list) {
            int end = list.size();
            while (end > 0 && list.get(end - 1).at().isAfter(before)) {
                end--;
            }
            if (end == 0) {
                return null;
            }
            int start = Math.max(0, end - among);
            return list.get(ThreadLocalRandom.current().nextInt(start, end));
        }
    }

    Collection<Sent> all() {
        return sent.values();
    }

    /** The messages taken up to {@code until}. */
    List<Sent> until(Instant until) {
        return sent.values().stream().filter(s -> !s.at().isAfter(until)).toList();
    }

    int size() {
        return sent.size();
    }
}
