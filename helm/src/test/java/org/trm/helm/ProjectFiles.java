package org.trm.helm;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the descriptors under test live: the repository root is passed in by Surefire. */
final class ProjectFiles {
    private ProjectFiles() {
    }

    static Path root() {
        Path root = Path.of(System.getProperty("trm.root", "..")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("helm/trm-country"))) {
            throw new IllegalStateException("not the repository root: " + root);
        }
        return root;
    }

    static Path chart() {
        return root().resolve("helm/trm-country");
    }
}
