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
 * The directory in use, read from its source (a signed file, or where the operator publishes it)
 * and re-read when it changes. The one anti-rollback rule of the federation: a replacement with a
 * bad signature, or a version not newer than the one in use (unless it is that same directory), is
 * refused and the current one kept, so that whoever can write the source can at most stop
 * updates, never roll trust back to older keys or agreements.
 */
public final class DirectoryStore {

    /** Where the signed directory is read from. */
    public interface Source {
        /** The directory's JWS if it may have changed since the last call, else empty. */
        Optional<String> readIfChanged() throws IOException;
    }

    /** A directory taken, with its JWS exactly as read: what the operator signed, kept as evidence. */
    public record Signed(Directory directory, String jws) {
    }

    private final Source source;
    private final PublicJsonWebKey operatorKey;
    private volatile Signed current;

    /** A store that is empty until its first successful {@link #refresh()}. */
    public DirectoryStore(Source source, PublicJsonWebKey operatorKey) {
        this.source = source;
        this.operatorKey = operatorKey;
    }

    /** Loads the file now and refuses to exist without a valid directory: a node must not start without one. */
    public DirectoryStore(Path file, PublicJsonWebKey operatorKey) {
        this(file(file), operatorKey);
        Optional<ProtocolException> refused = refresh();
        if (refused.isPresent()) {
            throw refused.get();
        }
    }

    /** A directory file, taken as changed when its modification time or size changes. */
    public static Source file(Path file) {
        return new Source() {
            private FileTime seenModified;
            private long seenSize = -1;

            @Override
            public synchronized Optional<String> readIfChanged() throws IOException {
                FileTime modified = Files.getLastModifiedTime(file);
                long size = Files.size(file);
                if (modified.equals(seenModified) && size == seenSize) {
                    return Optional.empty();
                }
                seenModified = modified;
                seenSize = size;
                return Optional.of(Files.readString(file));
            }
        };
    }

    /** The directory in use, if a valid one was ever loaded. */
    public Optional<Directory> loaded() {
        return signed().map(Signed::directory);
    }

    /** The directory in use with its signed form, if a valid one was ever loaded. */
    public Optional<Signed> signed() {
        return Optional.ofNullable(current);
    }

    /** The directory in use; refused as {@code directory-invalid} when none was ever loaded. */
    public Directory current() {
        Signed d = current;
        if (d == null) {
            throw new ProtocolException(ProblemType.DIRECTORY_INVALID, "no valid federation directory is loaded");
        }
        return d.directory();
    }

    /**
     * Re-reads the source if it changed since the last look.
     *
     * @return the refusal if a changed directory was not taken; empty if it was taken or unchanged
     */
    public synchronized Optional<ProtocolException> refresh() {
        try {
            Optional<String> changed = source.readIfChanged();
            if (changed.isEmpty()) {
                return Optional.empty();
            }
            String jws = changed.get().strip();
            Directory candidate = DirectoryCodec.verify(jws, operatorKey);
            Directory now = current == null ? null : current.directory();
            if (now != null && candidate.version() <= now.version()) {
                return candidate.equals(now) ? Optional.empty()
                        : Optional.of(new ProtocolException(ProblemType.DIRECTORY_INVALID, "version "
                                + candidate.version() + " is not newer than version " + now.version() + " in use"));
            }
            current = new Signed(candidate, jws);
            return Optional.empty();
        } catch (ProtocolException e) {
            return Optional.of(e);
        } catch (IOException | RuntimeException e) {
            return Optional.of(new ProtocolException(ProblemType.DIRECTORY_INVALID,
                    "cannot read the directory (" + e.getClass().getSimpleName() + ")", e));
        }
    }
}
