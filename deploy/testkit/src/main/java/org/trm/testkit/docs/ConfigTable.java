package org.trm.testkit.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A service's configuration as its {@code @ConfigMapping} interfaces define it, and as the README's
 * table for that service describes it: a key added, renamed or removed in the code, or a default
 * changed, shows as a difference until the table says the same. The SmallRye annotations are read
 * by name, so that this kit needs no configuration library of its own.
 */
public final class ConfigTable {
    /** What the table says for a key without a default. */
    public static final String NONE = "—";
    private static final String MAPPING = "io.smallrye.config.ConfigMapping";
    private static final String WITH_DEFAULT = "io.smallrye.config.WithDefault";
    private static final String WITH_NAME = "io.smallrye.config.WithName";
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private ConfigTable() {
    }

    /** Fails unless the README table under {@code heading} lists exactly the keys under {@code prefix} of the mappings in {@code classes}. */
    public static void assertReadmeDescribes(Path classes, String prefix, Path readme, String heading) {
        Map<String, String> code = fromMappings(classes, prefix);
        if (code.isEmpty()) {
            throw new AssertionError("no @ConfigMapping interface with prefix " + prefix + " in " + classes);
        }
        Map<String, String> table = fromReadme(readme, heading, prefix);
        if (!code.equals(table)) {
            throw new AssertionError("README table " + heading + " differs from the code:\n code:   " + code
                    + "\n README: " + table);
        }
    }

    /** Keys in kebab case from the method names, nested interfaces as prefixes, defaults from @WithDefault. */
    public static Map<String, String> fromMappings(Path classes, String prefix) {
        Map<String, String> keys = new TreeMap<>();
        for (Class<?> mapping : mappings(classes, prefix)) {
            keys(mapping, value(mapping, MAPPING, "prefix").orElseThrow(), keys);
        }
        return keys;
    }

    /** The rows of the table under {@code heading}: each key under {@code prefix} and its default. */
    public static Map<String, String> fromReadme(Path readme, String heading, String prefix) {
        List<String> lines = read(readme);
        int at = lines.indexOf(heading);
        if (at < 0) {
            throw new AssertionError("no " + heading + " in " + readme);
        }
        Map<String, String> rows = new TreeMap<>();
        boolean inTable = false;
        for (String line : lines.subList(at + 1, lines.size())) {
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            String[] cells = line.split("\\|");
            List<String> keys = codes(cells[1]).stream().filter(k -> k.startsWith(prefix + ".")).toList();
            if (keys.isEmpty()) {
                continue;
            }
            List<String> defaults = codes(cells[2]);
            if (defaults.isEmpty()) {
                keys.forEach(k -> rows.put(k, NONE));
            } else if (keys.size() != defaults.size()) {
                throw new AssertionError("one default per key in: " + line);
            } else {
                for (int i = 0; i < keys.size(); i++) {
                    rows.put(keys.get(i), defaults.get(i));
                }
            }
        }
        return rows;
    }

    private static void keys(Class<?> type, String prefix, Map<String, String> into) {
        for (Method method : type.getDeclaredMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isDefault() || method.getParameterCount() > 0) {
                continue;
            }
            String key = prefix + "." + value(method, WITH_NAME, "value").orElse(kebab(method.getName()));
            Class<?> result = method.getReturnType();
            if (result.isInterface() && result.getDeclaringClass() != null) {
                keys(result, key, into);
            } else {
                into.put(key, value(method, WITH_DEFAULT, "value").orElse(NONE));
            }
        }
    }

    private static Optional<String> value(AnnotatedElement element, String annotation, String member) {
        for (Annotation a : element.getAnnotations()) {
            if (a.annotationType().getName().equals(annotation)) {
                try {
                    return Optional.of((String) a.annotationType().getMethod(member).invoke(a));
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError("cannot read @" + annotation + "." + member, e);
                }
            }
        }
        return Optional.empty();
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static List<Class<?>> mappings(Path classes, String prefix) {
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    Class<?> type = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
                    if (value(type, MAPPING, "prefix").filter(p -> p.startsWith(prefix)).isPresent()) {
                        found.add(type);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // a class whose optional dependencies are absent is no mapping of ours
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> codes(String cell) {
        List<String> codes = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }
}
