package org.trm.nrm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table for nrm-node names exactly the keys of the node's
 * {@code @ConfigMapping} interfaces (found in target/classes) with their defaults: a key added,
 * renamed or removed in the code, or a default changed, fails here until the table says the same.
 */
class ConfigTableTest {
    private static final String PREFIX = "nrm";
    private static final String NONE = "—";
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void shouldListEveryConfigKeyWithItsDefaultWhenReadmeDescribesTheNode() throws IOException {
        Map<String, String> code = new TreeMap<>();
        for (Class<?> mapping : mappings(Path.of("target/classes"))) {
            keys(mapping, mapping.getAnnotation(ConfigMapping.class).prefix(), code);
        }
        assertFalse(code.isEmpty(), "no @ConfigMapping interface found");
        assertEquals(code, table(Path.of("../README.md"), "**nrm-node**"));
    }

    /** Keys in kebab case from the method names, nested interfaces as prefixes, defaults from @WithDefault. */
    private static void keys(Class<?> type, String prefix, Map<String, String> into) {
        for (Method method : type.getDeclaredMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isDefault() || method.getParameterCount() > 0) {
                continue;
            }
            WithName name = method.getAnnotation(WithName.class);
            String key = prefix + "." + (name != null ? name.value() : kebab(method.getName()));
            Class<?> result = method.getReturnType();
            if (result.isInterface() && result.getDeclaringClass() != null) {
                keys(result, key, into);
            } else {
                WithDefault value = method.getAnnotation(WithDefault.class);
                into.put(key, value != null ? value.value() : NONE);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static List<Class<?>> mappings(Path classes) throws IOException {
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    Class<?> type = Class.forName(name, false, ConfigTableTest.class.getClassLoader());
                    if (type.isAnnotationPresent(ConfigMapping.class) && type.getAnnotation(ConfigMapping.class)
                            .prefix().startsWith(PREFIX)) {
                        found.add(type);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // a class whose optional dependencies are absent is no mapping of ours
                }
            }
        }
        return found;
    }

    /** The rows of the table under {@code heading}: each of the service's keys and its default. */
    private static Map<String, String> table(Path readme, String heading) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        int at = lines.indexOf(heading);
        assertFalse(at < 0, "no " + heading + " in " + readme);
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
            List<String> keys = codes(cells[1]).stream().filter(k -> k.startsWith(PREFIX + ".")).toList();
            if (keys.isEmpty()) {
                continue;
            }
            List<String> defaults = codes(cells[2]);
            if (defaults.isEmpty()) {
                keys.forEach(k -> rows.put(k, NONE));
            } else {
                assertEquals(keys.size(), defaults.size(), "one default per key in: " + line);
                for (int i = 0; i < keys.size(); i++) {
                    rows.put(keys.get(i), defaults.get(i));
                }
            }
        }
        return rows;
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
