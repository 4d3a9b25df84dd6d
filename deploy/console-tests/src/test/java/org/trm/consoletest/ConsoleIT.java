package org.trm.consoletest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.trm.testkit.process.LocalFederation;

/**
 * The console in a real headless Chromium: AT, BG and RO as separate processes (deploy/local/federation.sh
 * on the tests' ports), the shared Keycloak's realms, and the browser scripts of test/ (node --test with
 * playwright-core), which log in as each demo role. Their report is this test's failure message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleIT {
    private static final Path RUN_DIR = Path.of("target/federation-it");
    private static final List<String> COUNTRIES = List.of("AT", "BG", "RO");
    private final Map<String, String> settings = new HashMap<>(LocalFederation.testSettings());
    private LocalFederation federation;

    @BeforeAll
    void startFederation() {
        // Three countries, each pair under an agreement: a federation statistics round needs at least
        // three participants, every two of them linked (docs/PROTOCOL.md section 17).
        settings.put("TRM_LOCAL_AGREEMENTS", "all");
        federation = new LocalFederation(COUNTRIES, RUN_DIR, settings);
        federation.up(true);
    }

    @AfterAll
    void stopFederation() {
        if (federation != null) {
            federation.stop();
        }
    }

    @Test
    void shouldServeEachRoleItsConsoleAndCarryAReferralFromAtToBg() throws IOException, InterruptedException {
        Path out = Path.of("target/console-tests.out").toAbsolutePath();
        Files.createDirectories(out.getParent());
        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-concurrency=1",
                "test/bundles.test.mjs", "test/console.test.mjs", "test/federation-statistics.test.mjs")
                .redirectErrorStream(true).redirectOutput(out.toFile());
        for (String c : COUNTRIES) {
            node.environment().put("TRM_CONSOLE_" + c, federation.nodeUrl(c));
        }
        node.environment().put("TRM_SCREENSHOTS", Path.of("target/screenshots").toAbsolutePath().toString());
        // The scripts restore a node from an empty database through federation.sh, on this federation.
        node.environment().putAll(settings);
        node.environment().put("TRM_LOCAL_RUN_DIR", RUN_DIR.toAbsolutePath().toString());
        Process process = node.start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
        }
        String report = Files.readString(out);
        assertEquals(0, process.exitValue(), report);
    }
}
