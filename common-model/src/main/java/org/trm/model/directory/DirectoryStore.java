package org.trm.model.directory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.jose4j.jwk.PublicJsonWebKey;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;

/**
 * The directory in use, read from a signed file and re-read when the file changes. A replacement
 * with a bad signature, or a version not newer than the one in use, is refused and the current one
 * kept: an attacker who can write the file can at most stop updates, never roll trust back.
 */
public final class DirectoryStore {
    private final Path file;
    private final PublicJsonWebKey operatorKey;
    private volatile Directory current;
    private volatile FileTime seen;

    /** Loads the file now; a node or gateway must not start without a valid directory. */
    public DirectoryStore(Path file, PublicJsonWebKey operatorKey) {
        this.file = file;
        this.operatorKey = operatorKey;
        this.seen = modified();
        this.current = DirectoryCodec.verify(read(), operatorKey);
    }

    public Directory current() {
        return current;
    }

    /**
     * Re-reads the file if it changed since the last look.
     *
     * @return the refusal if the changed file was not taken, empty if it was taken or unchanged
     */
    public synchronized Optional<ProtocolException> refresh() {
        FileTime modified = modified();
        if (modified.equals(seen)) {
            return Optional.empty();
        }
        seen = modified;
        try {
            Directory candidate = DirectoryCodec.verify(read(), operatorKey);
            if (candidate.version() <= current.version()) {
                if (candidate.equals(current)) {
                    return Optional.empty();
                }
                return Optional.of(new ProtocolException(ProblemType.DIRECTORY_INVALID, "version "
                        + candidate.version() + " is not newer than version " + current.version() + " in use"));
            }
            current = candidate;
            return Optional.empty();
        } catch (ProtocolException e) {
            return Optional.of(e);
        }
    }

    private String read() {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ProtocolException(ProblemType.DIRECTORY_INVALID, "cannot read " + file.getFileName(), e);
        }
    }

    private FileTime modified() {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
