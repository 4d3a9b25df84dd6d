package org.trm.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart rendered offline by the Helm library embedded in helm-java, parsed into plain maps, with
 * small accessors for the assertions.
 */
record RenderedChart(List<Map<String, Object>> manifests) {

    static final String KUBE_VERSION = "v1.27.0";

    static RenderedChart render(String release, Path valuesFile, Map<String, Object> sets) {
        TemplateCommand template = new Helm(ProjectFiles.chart()).template()
                .withName(release)
                .withNamespace("trm")
                // Helm's offline default is an old Kubernetes; render for the oldest one the chart supports.
                .withKubeVersion(KUBE_VERSION)
                .withValuesFile(valuesFile);
        sets.forEach(template::set);
        return parse(template.call());
    }

    /** What `helm install --dry-run=client` prints, NOTES.txt included (template leaves NOTES out). */
    static String installDryRun(String release, Path valuesFile) {
        return new Helm(ProjectFiles.chart()).install()
                .withName(release)
                .withNamespace("trm")
                .withKubeVersion(KUBE_VERSION)
                .withValuesFile(valuesFile)
                .dryRun()
                .clientOnly()
                .call()
                .getOutput();
    }

    static RenderedChart parse(String yaml) {
        List<Map<String, Object>> manifests = new ArrayList<>();
        for (Object document : new Yaml().loadAll(yaml)) {
            if (document != null) {
                manifests.add(map(document));
            }
        }
        return new RenderedChart(manifests);
    }

    /**
     * helm-java's lint takes no values file, so lint a copy of the chart whose values.yaml is the
     * chart's defaults merged with the example, exactly what `helm lint -f example` checks.
     */
    static LintResult lintStrict(Path valuesFile, Path workDir) {
        try {
            Path copy = workDir.resolve("trm-country");
            copyTree(ProjectFiles.chart(), copy);
            Yaml yaml = new Yaml();
            Map<String, Object> defaults = map(yaml.load(Files.readString(copy.resolve("values.yaml"))));
            Map<String, Object> example = map(yaml.load(Files.readString(valuesFile)));
            DumperOptions options = new DumperOptions();
            options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            Files.writeString(copy.resolve("values.yaml"), new Yaml(options).dump(merge(defaults, example)));
            return new Helm(copy).lint().strict().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Map<String, Object>> ofKind(String kind) {
        return manifests.stream().filter(m -> kind.equals(m.get("kind"))).toList();
    }

    Map<String, Object> get(String kind, String name) {
        List<Map<String, Object>> found = ofKind(kind).stream()
                .filter(m -> name.equals(at(m, "metadata", "name")))
                .toList();
        assertEquals(1, found.size(), () -> "expected one " + kind + " named " + name + ", got " + names());
        return found.get(0);
    }

    List<String> names() {
        return manifests.stream().map(m -> m.get("kind") + "/" + at(m, "metadata", "name")).toList();
    }

    /** The single container of a Deployment's pod. */
    static Map<String, Object> container(Map<String, Object> deployment) {
        List<Object> containers = list(at(deployment, "spec", "template", "spec", "containers"));
        assertEquals(1, containers.size(), "one container per pod");
        return map(containers.get(0));
    }

    /** Follows a path of map keys; null where it ends. */
    static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        if (node == null) {
            return Map.of();
        }
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node) {
        if (node == null) {
            return List.of();
        }
        return (List<Object>) node;
    }

    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        override.forEach((key, value) -> {
            if (value instanceof Map<?, ?> && merged.get(key) instanceof Map<?, ?>) {
                merged.put(key, merge(map(merged.get(key)), map(value)));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
