package org.trm.testkit.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.trm.model.problem.ProblemCode;

/**
 * The problem registry as docs/PROTOCOL.md publishes it, one table per part (type, status, title,
 * retried): what a partner implements from must be what the code answers.
 */
public final class ProblemTable {
    private ProblemTable() {
    }

    /** Fails unless the table under {@code heading} lists exactly {@code codes}, in order. */
    public static void assertDocumentLists(Path document, String heading, List<? extends ProblemCode> codes) {
        List<String> expected = codes.stream().map(ProblemTable::row).toList();
        List<String> documented = table(read(document), heading);
        if (!expected.equals(documented)) {
            throw new AssertionError(document + ", table " + heading + ", differs from the code.\n code:\n  "
                    + String.join("\n  ", expected) + "\n document:\n  " + String.join("\n  ", documented));
        }
    }

    /** Fails if a type URI is listed twice across all of the document's problem tables. */
    public static void assertNoTypeTwice(Path document) {
        Set<String> seen = new HashSet<>();
        for (String line : read(document)) {
            if (line.startsWith("| `urn:trm:problem:")) {
                String type = line.substring(3, line.indexOf('`', 3));
                if (!seen.add(type)) {
                    throw new AssertionError(type + " is listed twice in " + document);
                }
            }
        }
    }

    private static String row(ProblemCode code) {
        return "| `" + code.type() + "` | " + code.status() + " | " + code.title() + " | "
                + (code.retryable() ? "yes" : "no") + " |";
    }

    private static List<String> table(List<String> lines, String heading) {
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(heading)) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            throw new AssertionError("no table under " + heading);
        }
        List<String> rows = new ArrayList<>();
        for (String line : lines.subList(at + 1, lines.size())) {
            if (line.startsWith("| `")) {
                rows.add(line);
            } else if (!rows.isEmpty() && !line.startsWith("|")) {
                break;
            }
        }
        return rows;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
