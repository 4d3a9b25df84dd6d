package org.trm.evidence.verifier;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jose4j.jwk.PublicJsonWebKey;
import org.trm.evidence.verifier.Finding.Outcome;
import org.trm.model.crypto.Jwks;
import org.trm.model.evidence.EvidenceBundle;
import org.trm.model.evidence.ManifestCodec;
import org.trm.model.json.Json;
import org.trm.model.problem.ProtocolException;

/**
 * {@code java -jar trm-evidence-verifier.jar BUNDLE.json [--trust-anchor OPERATOR.jwk]}: checks an
 * evidence bundle offline and prints one line per check. Exit status 0 when every check passes, 1
 * when any fails, 2 when the input cannot be checked at all (no such file, not a bundle).
 */
public final class VerifyEvidence {
    static final int VALID = 0;
    static final int INVALID = 1;
    static final int UNUSABLE = 2;
    private static final String USAGE = "usage: java -jar trm-evidence-verifier.jar BUNDLE.json [--trust-anchor OPERATOR-PUBLIC.jwk]";

    private VerifyEvidence() {
    }

    public static void main(String[] args) {
        // The JOSE library logs through SLF4J, for which this jar brings no backend on purpose: the
        // report is the output. Without this, SLF4J would say so on every run.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path bundleFile = null;
        Path anchorFile = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--trust-anchor") && i + 1 < args.length) {
                anchorFile = Path.of(args[++i]);
            } else if (bundleFile == null && !args[i].startsWith("--")) {
                bundleFile = Path.of(args[i]);
            } else {
                err.println(USAGE);
                return UNUSABLE;
            }
        }
        if (bundleFile == null) {
            err.println(USAGE);
            return UNUSABLE;
        }
        EvidenceBundle bundle;
        Optional<PublicJsonWebKey> anchor;
        try {
            bundle = Json.read(Files.readString(bundleFile), EvidenceBundle.class);
            anchor = anchorFile == null ? Optional.empty() : Optional.of(Jwks.load(anchorFile));
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("cannot read " + e.getMessage());
            return UNUSABLE;
        } catch (ProtocolException | IllegalArgumentException e) {
            err.println("not an evidence bundle, or not a JWK as trust anchor: " + e.getMessage());
            return UNUSABLE;
        }
        if (!EvidenceBundle.FORMAT.equals(bundle.format())) {
            err.println("not an evidence bundle of format " + EvidenceBundle.FORMAT);
            return UNUSABLE;
        }
        out.println(heading(bundleFile, bundle));
        List<Finding> findings;
        try {
            findings = BundleCheck.check(bundle, anchor);
        } catch (RuntimeException e) {
            // Every check reports its own failure; reaching this is a fault of the verifier, not a verdict.
            err.println("the bundle could not be checked: " + e);
            return UNUSABLE;
        }
        findings.forEach(out::println);
        long failed = findings.stream().filter(f -> f.outcome() == Outcome.FAIL).count();
        long passed = findings.stream().filter(f -> f.outcome() == Outcome.OK).count();
        if (failed > 0) {
            out.println("INVALID: " + failed + " of " + (failed + passed) + " checks failed");
            return INVALID;
        }
        out.println("VALID: all " + passed + " checks passed");
        return VALID;
    }

    private static String heading(Path file, EvidenceBundle bundle) {
        try {
            var m = ManifestCodec.read(bundle.manifest()).manifest();
            return "evidence bundle " + file.getFileName() + ": conversation " + m.conversationId() + ", made by node "
                    + m.node() + " at " + m.createdAt() + ", " + bundle.items().size() + " items (as its manifest claims)";
        } catch (RuntimeException e) {
            return "evidence bundle " + file.getFileName() + ": " + bundle.items().size() + " items, manifest unreadable";
        }
    }
}
