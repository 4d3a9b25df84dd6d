package org.trm.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trm.model.json.Json;

/**
 * A benchmark run as JSON: what ran (the commit, {@code TRM_COMMIT} from run.sh), on what (cores,
 * load average before and after), when, its settings, its figures and its table's rows. Written to
 * {@code <out>/<bench>-<time>.json} and {@code <out>/<bench>-latest.json}, from which the README's
 * figures are made.
 */
public final class Results {
    private final String bench;
    private final Map<String, Object> run = new LinkedHashMap<>();
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final List<Map<String, Object>> rows = new ArrayList<>();

    public Results(String bench) {
        this.bench = bench;
        run.put("bench", bench);
        run.put("commit", System.getenv().getOrDefault("TRM_COMMIT", "unknown"));
        run.put("cores", Runtime.getRuntime().availableProcessors());
        run.put("loadAverageBefore", loadAverage());
        run.put("started", Instant.now().toString());
    }

    public Results setting(String name, Object value) {
        settings.put(name, value);
        return this;
    }

    public Results figure(String name, Object value) {
        figures.put(name, value);
        return this;
    }

    /** The figures so far, by name. */
    public Map<String, Object> figures() {
        return figures;
    }

    /** A row of the benchmark's printed table, its columns in order. */
    public Results row(Map<String, Object> row) {
        rows.add(new LinkedHashMap<>(row));
        return this;
    }

    /** Columns in order: name, value, name, value, ... */
    public static Map<String, Object> columns(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }

    /** Writes the run; answers the file. */
    public Path write(Path out) throws IOException {
        run.put("finished", Instant.now().toString());
        run.put("loadAverageAfter", loadAverage());
        run.put("settings", settings);
        run.put("figures", figures);
        run.put("rows", rows);
        Files.createDirectories(out);
        String json = Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(run);
        Path file = out.resolve(bench + "-" + run.get("started").toString().replace(":", "") + ".json");
        Files.writeString(file, json);
        Files.writeString(out.resolve(bench + "-latest.json"), json);
        return file;
    }

    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
