package org.trm.bench;

import java.io.File;
import java.nio.file.Files;
import java.util.List;

/** CPU time of processes, read from the operating system, for the benchmarks' cost per message. */
public final class Cpu {
    private Cpu() {
    }

    /** CPU seconds (user and system) used so far by the processes. */
    public static double seconds(List<ProcessHandle> processes) {
        return processes.stream()
                .mapToDouble(p -> p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0)).sum();
    }

    /**
     * CPU seconds of the processes' JIT compiler threads (Linux /proc): on 2 cores, compilation still
     * going on shows as the cost of the messages of a phase.
     */
    public static double compilerSeconds(List<ProcessHandle> processes) {
        double ticks = 0;
        for (ProcessHandle p : processes) {
            File[] tasks = new File("/proc/" + p.pid() + "/task").listFiles();
            for (File task : tasks == null ? new File[0] : tasks) {
                try {
                    if (!Files.readString(task.toPath().resolve("comm")).matches("(?s)C[12] Compiler.*")) {
                        continue;
                    }
                    String stat = Files.readString(task.toPath().resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return ticks / 100.0;
    }

    /** The database server's processes (backends come and go; the pools keep theirs open during a phase). */
    public static List<ProcessHandle> postgres() {
        return ProcessHandle.allProcesses().filter(p -> p.info().user().map("postgres"::equals).orElse(false)).toList();
    }

    /** The processes of these pids that still run. */
    public static List<ProcessHandle> of(List<Long> pids) {
        return pids.stream().map(ProcessHandle::of).flatMap(java.util.Optional::stream).toList();
    }
}
