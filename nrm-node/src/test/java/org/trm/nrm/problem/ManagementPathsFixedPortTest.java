package org.trm.nrm.problem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The same answers with the management port set to a number, as a deployment sets it: Quarkus then
 * records no bound port, and the one configured is named.
 */
@QuarkusTest
@TestProfile(ManagementPathsFixedPortTest.FixedPort.class)
class ManagementPathsFixedPortTest extends ManagementPathsTest {

    public static class FixedPort implements QuarkusTestProfile {
        private static final int PORT = freePort();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.management.test-port", String.valueOf(PORT));
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
