package org.trm.testkit.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A module's packaged application (target/quarkus-app) run as a deployment would run it, to see how
 * it ends: in an empty working directory (no .env or config/application.properties of the build can
 * supply a setting), with only the settings given.
 */
public final class PackagedApp {

    /** How a run ended; {@code exited} is false when it was still running at the deadline (and was then killed). */
    public record Run(boolean exited, int exitCode, String output) {
    }

    private PackagedApp() {
    }

    /**
     * Starts {@code target/quarkus-app/quarkus-run.jar} of the current module with {@code settings}
     * as system properties, without the environment variables named in {@code unset}, and waits
     * for it to exit. A run still going at {@code patience} is killed: an application that started
     * where it should not would never exit, and the bound only keeps the build from hanging.
     */
    public static Run runUntilExit(Map<String, String> settings, List<String> unset, Duration patience)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString()));
        Path workDir = Files.createTempDirectory("packaged-app");
        Path log = workDir.resolve("app.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        unset.forEach(builder.environment()::remove);
        Process process = builder.start();
        process.getOutputStream().close();
        boolean exited = process.waitFor(patience.toSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        return new Run(exited, exited ? process.exitValue() : -1, Files.readString(log));
    }
}
