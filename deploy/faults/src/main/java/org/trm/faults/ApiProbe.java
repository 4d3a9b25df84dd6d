package org.trm.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a user sees of each node while the faults run: a steady trickle of requests that have
 * nothing to do with referrals (the case list, the statistics), each counted as answered or not.
 * A node the suite itself has taken down is marked so, and its requests meanwhile do not count.
 */
final class ApiProbe implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final long PAUSE_MS = 250;
    private static final List<String> PATHS = List.of("/api/v1/cases?size=5", "/api/v1/statistics/tables");

    /** One request: its node, when it was sent, its status (0: no answer), and whether its node was down on purpose. */
    record Sample(String country, Instant at, int status, boolean down) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** Requests and failures of the nodes that were meant to be up, in a window. */
    record Rate(long requests, long errors) {
        double percent() {
            return requests == 0 ? 0 : 100.0 * errors / requests;
        }
    }

    private final Map<String, NodeApi> nodes;
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    ApiProbe(Map<String, NodeApi> nodes) {
        this.nodes = nodes;
    }

    void start() {
        for (NodeApi node : nodes.values()) {
            Thread t = new Thread(() -> probe(node), "probe-" + node.country);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    /** The suite takes the node down (or brings it back, {@code false}): its failures are meant. */
    void down(String country, boolean isDown) {
        if (isDown) {
            down.add(country);
        } else {
            down.remove(country);
        }
    }

    private void probe(NodeApi node) {
        int i = 0;
        while (running) {
            String path = PATHS.get(i++ % PATHS.size());
            Instant at = Instant.now();
            int status;
            try {
                status = node.call("GET", path, null, TIMEOUT).status();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                status = 0;
            }
            samples.add(new Sample(node.country, at, status, down.contains(node.country)));
            try {
                Thread.sleep(PAUSE_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The error rate of the nodes meant to be up, for requests sent in [from, to]; per country with {@code country}. */
    Rate rate(Instant from, Instant to, String country) {
        long requests = 0;
        long errors = 0;
        for (Sample s : samples) {
            if (s.down() || s.at().isBefore(from) || s.at().isAfter(to) || (country != null && !country.equals(s.country()))) {
                continue;
            }
            requests++;
            if (!s.ok()) {
                errors++;
            }
        }
        return new Rate(requests, errors);
    }

    /** How often each status (0: no answer) came back from {@code country} in [from, to], down or not. */
    Map<Integer, Long> statuses(Instant from, Instant to, String country) {
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        for (Sample s : samples) {
            if (s.country().equals(country) && !s.at().isBefore(from) && !s.at().isAfter(to)) {
                counts.merge(s.status(), 1L, Long::sum);
            }
        }
        return counts;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.interrupt();
            t.join(10_000);
        }
    }
}
