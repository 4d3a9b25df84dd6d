package org.trm.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How long and how hard the suite runs: at least {@code messages} messages at {@code rate} per
 * second, the faults named (in the suite's order), each held for {@code hold} (the clock faults for
 * {@code clockHold}); recovery is awaited up to {@code recoveryLimit} per fault and the end state up
 * to {@code settleLimit}. {@code federationEnvironment}: federation.sh's settings of every node and
 * gateway (retry delays).
 */
record Plan(String name, int messages, double rate, Duration baseline, Duration hold, Duration clockHold,
        Duration recoveryLimit, Duration settleLimit, List<String> faults, Map<String, String> federationEnvironment,
        Path out) {

    /** The run for the README's figures: the product's own retry delays, every fault held as the suite describes it. */
    static Plan full(Path out) {
        return new Plan("full", 10_000, 20, Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofMinutes(3), Duration.ofMinutes(10), FaultSuite.ALL_FAULTS, Map.of(), out);
    }

    /**
     * The run for every build (a few minutes): fewer messages, five of the faults (those that need
     * no more than one restart), short holds, and retry delays short
     * enough that recovery does not wait out the product's back-off (its figures are the full run's);
     * exactly-once delivery does not depend on the delays.
     */
    static Plan shortRun(Path out) {
        return new Plan("short", 500, 5, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(15),
                Duration.ofSeconds(30), Duration.ofMinutes(2),
                List.of("gateway-kill-AT", "replica-kill-RO", "node-kill-AT", "gateway-freeze-AT", "postgres-crash"),
                Map.of("TRM_LOCAL_GATEWAY_ENV", "TRM_RELAY_INITIAL_BACKOFF=1s TRM_RELAY_MAX_BACKOFF=3s",
                        "TRM_LOCAL_NODE_ENV", "NRM_FEDERATION_MAX_RETRY_DELAY=PT3S"),
                out);
    }
}
