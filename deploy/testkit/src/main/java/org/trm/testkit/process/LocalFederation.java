package org.trm.testkit.process;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A federation of separate processes, driven through deploy/local/federation.sh: its own run
 * directory, ports (shifted by an offset) and databases (with a prefix), so that it runs beside a
 * demo federation on the same machine. Keycloak is shared: its realms are the same for both.
 */
public final class LocalFederation {
    /** Ports 18101.., 18201.., 18401..: clear of the demo federation's 8101.. and of Keycloak's 8180/9000. */
    public static final int PORT_OFFSET = 10000;
    public static final String DB_PREFIX = "it_";

    private final Path root;
    private final Path runDir;
    private final Path output;
    private final List<String> countries;
    private final Map<String, String> environment;

    /**
     * A federation of {@code countries}, run from the current module's target/federation-it, with
     * retry delays short enough for tests (see {@link #testSettings()}).
     */
    public LocalFederation(List<String> countries) {
        this(countries, Path.of("target/federation-it"), testSettings());
    }

    /**
     * A federation of {@code countries} run from {@code runDir}; {@code environment} holds
     * federation.sh's settings (TRM_LOCAL_PORT_OFFSET, TRM_LOCAL_DB_PREFIX, TRM_LOCAL_AGREEMENTS, ...).
     */
    public LocalFederation(List<String> countries, Path runDir, Map<String, String> environment) {
        this.root = repositoryRoot();
        this.runDir = runDir.toAbsolutePath();
        this.output = this.runDir.resolve("federation-sh.out");
        this.countries = List.copyOf(countries);
        this.environment = Map.copyOf(environment);
    }

    /** The settings of the tests' federation: its own ports and databases, short retry delays. */
    public static Map<String, String> testSettings() {
        return Map.of("TRM_LOCAL_PORT_OFFSET", String.valueOf(PORT_OFFSET), "TRM_LOCAL_DB_PREFIX", DB_PREFIX,
                "TRM_LOCAL_READY_TIMEOUT", "420",
                // Short retry delays: the resilience test restarts components and must not wait minutes
                // for the next attempt; exactly-once delivery does not depend on the delays.
                "TRM_LOCAL_GATEWAY_ENV", "TRM_RELAY_INITIAL_BACKOFF=1s TRM_RELAY_MAX_BACKOFF=3s",
                "TRM_LOCAL_NODE_ENV", "NRM_FEDERATION_MAX_RETRY_DELAY=PT3S");
    }

    /** Starts every component that does not run; with {@code fresh}, on new empty databases. */
    public void up(boolean fresh) {
        up(fresh, Map.of());
    }

    /**
     * Starts every component that does not run, those started now with {@code environment} over the
     * federation's settings (e.g. TRM_LOCAL_NODE_ENV for a node started with a fake clock).
     */
    public void up(boolean fresh, Map<String, String> environment) {
        List<String> args = new ArrayList<>(List.of("up", "--countries", String.join(",", countries)));
        if (fresh) {
            args.add("--fresh");
        }
        run(Duration.ofMinutes(15), args, environment);
    }

    /** Sends signal {@code signal} (KILL, STOP, CONT, ...) to the named running components. */
    public void signal(String signal, String... names) {
        List<String> args = new ArrayList<>(List.of("signal", signal));
        args.addAll(List.of(names));
        run(Duration.ofMinutes(1), args);
    }

    /** Stops the named components (e.g. {@code bg-node}), or everything with no name. */
    public void stop(String... names) {
        List<String> args = new ArrayList<>(List.of("stop"));
        args.addAll(List.of(names));
        run(Duration.ofMinutes(2), args);
    }

    /** The clone the federation runs from. */
    public Path root() {
        return root;
    }

    public JsonPath status() {
        return JsonPath.from(run(Duration.ofMinutes(1), List.of("status", "--json")));
    }

    public String nodeUrl(String country) {
        return status().getString("countries." + country + ".nodeUrl");
    }

    public String realmUrl(String country) {
        return status().getString("countries." + country + ".realmUrl");
    }

    public long pid(String country, String component) {
        Object pid = status().get("countries." + country + "." + component + "Pid");
        if (pid == null) {
            throw new AssertionError(country + " " + component + " does not run");
        }
        return ((Number) pid).longValue();
    }

    /** kill -9: the process gets no chance to finish anything it holds in memory. */
    public void kill(String country, String component) {
        kill(pid(country, component));
    }

    /** kill -9 of the component {@code name} (e.g. {@code ro-gateway-2}), by its pid file; waits until it is gone. */
    public void kill(String name) {
        Path pidFile = runDir.resolve(name + ".pid");
        try {
            kill(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException e) {
            throw new AssertionError(name + " has no pid file " + pidFile, e);
        }
    }

    private static void kill(long pid) {
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
        process.destroyForcibly();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("process " + pid + " did not die", e);
        }
    }

    private String run(Duration timeout, List<String> args) {
        return run(timeout, args, Map.of());
    }

    private String run(Duration timeout, List<String> args, Map<String, String> overrides) {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("deploy/local/federation.sh").toString()));
        command.addAll(args);
        try {
            Files.createDirectories(runDir);
            Path out = Files.createTempFile(runDir.getParent(), "federation-sh", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile());
            Map<String, String> env = builder.environment();
            env.put("TRM_LOCAL_RUN_DIR", runDir.toString());
            env.putAll(environment);
            env.putAll(overrides);
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("federation.sh " + args + " did not finish within " + timeout + "\n" + tail(out));
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            // Kept for whoever reads a failed run: everything the script said, in order.
            Files.writeString(output, "$ federation.sh " + String.join(" ", args) + "\n" + text, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Files.delete(out);
            if (process.exitValue() != 0) {
                throw new AssertionError("federation.sh " + args + " failed (exit " + process.exitValue() + "):\n"
                        + text.substring(Math.max(0, text.length() - 6000)));
            }
            return text;
        } catch (IOException e) {
            throw new AssertionError("cannot run federation.sh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String tail(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.substring(Math.max(0, text.length() - 6000));
        } catch (IOException e) {
            return "(no output)";
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("deploy/local/federation.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("deploy/local/federation.sh not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
