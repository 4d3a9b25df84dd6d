package org.trm.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The fault suite's short run in every build: a few hundred messages between three countries while
 * gateways, a gateway replica and a node are killed, a gateway is frozen, PostgreSQL crashes and a
 * node's clock is off. Fails on any message lost, duplicated, stuck or failed; the figures
 * (recovery, API errors) are printed, not asserted.
 */
class FaultSuiteIT {
    @Test
    void shouldDeliverEveryMessageExactlyOnceThroughTheFaults() throws Exception {
        Plan plan = Plan.shortRun(Path.of("target/fault-suite-short.json").toAbsolutePath());
        Verdict verdict = new FaultSuite(Path.of("target/federation"), plan).run(false);
        assertTrue(verdict.passed(), "a message was lost, duplicated, stuck or failed: see the table above and "
                + plan.out());
    }
}
