package org.trm.testkit.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.PublicJsonWebKey;
import org.trm.model.directory.Agreement;
import org.trm.model.directory.Directory;
import org.trm.model.directory.DirectoryCodec;
import org.trm.model.directory.Participant;

/** The pki directory re-issued by the federation operator with the test gateways' real ports. */
public final class TestDirectory {
    private final Pki pki;
    private final Path file;
    private final Directory base;
    private Map<String, String> urls = Map.of();
    private int version;

    /** Re-issues the directory of {@link Pki#TEST}. */
    public TestDirectory(Path file) throws Exception {
        this(Pki.TEST, file);
    }

    public TestDirectory(Pki pki, Path file) throws Exception {
        this.pki = pki;
        this.file = file.toAbsolutePath();
        this.base = DirectoryCodec.parse(Files.readString(pki.directoryJson()));
        this.version = base.version();
        Files.createDirectories(this.file.getParent());
    }

    public Path file() {
        return file;
    }

    public int version() {
        return version;
    }

    public TestDirectory urls(Map<String, String> gatewayUrls) {
        this.urls = gatewayUrls;
        return this;
    }

    /** The agreements of the pki directory. */
    public List<Agreement> agreements() {
        return base.agreements();
    }

    /** Publishes the next version, signed by the operator, with the given agreements (null: those of pki). */
    public int publish(List<Agreement> agreements) throws Exception {
        return write(++version, agreements, pki.operatorKey());
    }

    /** Writes a directory with any version and key: for the refusal tests. */
    public int write(int v, List<Agreement> agreements, PublicJsonWebKey signer) throws Exception {
        List<Participant> participants = base.participants().stream()
                .map(p -> new Participant(p.country(), p.name(), urls.getOrDefault(p.country(), p.gatewayUrl()),
                        p.status(), p.keys(), p.gatewayKeys()))
                .toList();
        Directory d = new Directory(v, Instant.now(), participants, agreements == null ? base.agreements() : agreements);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, DirectoryCodec.sign(d, signer));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return v;
    }
}
