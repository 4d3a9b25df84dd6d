package org.trm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trm.model.Fixtures.DIRECTORY;
import static org.trm.model.Fixtures.OPERATOR;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trm.model.crypto.Jwks;
import org.trm.model.directory.Directory;
import org.trm.model.directory.DirectoryCodec;
import org.trm.model.directory.DirectoryStore;
import org.trm.model.problem.ProblemType;

class DirectoryStoreTest {
    @TempDir
    Path dir;

    private Directory version(int v) {
        return new Directory(v, DIRECTORY.issuedAt(), DIRECTORY.participants(), DIRECTORY.agreements());
    }

    private void write(Path file, String content, int tick) throws Exception {
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(tick)));
    }

    @Test
    void shouldTakeNewerAndRefuseOlderOrForgedDirectories() throws Exception {
        Path file = dir.resolve("federation.jws");
        write(file, DirectoryCodec.sign(version(2), OPERATOR), 1);
        DirectoryStore store = new DirectoryStore(file, OPERATOR);
        assertEquals(2, store.current().version());

        write(file, DirectoryCodec.sign(version(3), OPERATOR), 2);
        assertTrue(store.refresh().isEmpty());
        assertEquals(3, store.current().version());

        write(file, DirectoryCodec.sign(version(1), OPERATOR), 3);
        assertEquals(ProblemType.DIRECTORY_INVALID, store.refresh().orElseThrow().problem());
        assertEquals(3, store.current().version());

        write(file, DirectoryCodec.sign(version(9), Jwks.generate("operator-1", Jwks.USE_SIG)), 4);
        assertEquals(ProblemType.DIRECTORY_INVALID, store.refresh().orElseThrow().problem());
        assertEquals(3, store.current().version());

        assertTrue(store.refresh().isEmpty(), "an unchanged file is not re-read");
        assertEquals(3, store.current().version());
    }
}
