package org.trm.systemtest.hostile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.trm.testkit.pki.Pki;

/**
 * Client certificates the federation must not take, made with openssl as deploy/pki/pki.sh makes the
 * real ones: with the federation CA, certificates of a country that is not a participant (FR), of a
 * role no endpoint knows, and one that has expired; and a rogue CA that issues certificates with the
 * very subjects of the real gateways and nodes.
 */
final class Certificates {
    private final Pki pki;
    private final Path dir;

    Certificates(Pki pki, Path dir) {
        this.pki = pki;
        this.dir = dir.toAbsolutePath();
    }

    /** The identity of a real certificate of the federation: {@code role} of {@code country}. */
    Wire.Identity real(String country, String role) {
        return new Wire.Identity(role + " certificate of " + country, pki.keystore(country, role));
    }

    /** A certificate of the federation CA with any subject (a country that is no participant, a role no endpoint knows). */
    Wire.Identity federationIssued(String country, String role) {
        return issue("federation CA", pki.root().resolve("ca/ca.crt"), pki.root().resolve("ca/ca.key"), country, role, 825);
    }

    /** A certificate of the federation CA whose validity ended before it began. */
    Wire.Identity expired(String country, String role) {
        return issue("expired, federation CA", pki.root().resolve("ca/ca.crt"), pki.root().resolve("ca/ca.key"), country, role, -1);
    }

    /** The subject of a real certificate, issued by a CA the federation does not know. */
    Wire.Identity rogue(String country, String role) {
        Path ca = dir.resolve("rogue-ca.crt");
        Path key = dir.resolve("rogue-ca.key");
        if (!Files.isRegularFile(ca)) {
            openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key.toString());
            // The same name as the federation CA: only its key differs.
            openssl("req", "-x509", "-new", "-key", key.toString(), "-sha256", "-days", "30",
                    "-subj", "/C=EU/O=TRM federation/CN=TRM federation CA",
                    "-addext", "basicConstraints=critical,CA:TRUE,pathlen:0", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                    "-out", ca.toString());
        }
        return issue("rogue CA", ca, key, country, role, 30);
    }

    /** A self-signed certificate with the subject of a real one. */
    Wire.Identity selfSigned(String country, String role) {
        String lc = country.toLowerCase();
        String base = "self-" + lc + "-" + role;
        Path key = dir.resolve(base + ".key");
        Path crt = dir.resolve(base + ".crt");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key.toString());
        openssl("req", "-x509", "-new", "-key", key.toString(), "-sha256", "-days", "30",
                "-subj", "/C=" + country + "/OU=" + role + "/CN=" + role + "." + lc,
                "-addext", "extendedKeyUsage=serverAuth,clientAuth", "-out", crt.toString());
        return keystore(role + " certificate of " + country + " (self-signed)", base, key, crt, crt);
    }

    private Wire.Identity issue(String issuer, Path caCert, Path caKey, String country, String role, int days) {
        String lc = country.toLowerCase();
        String base = issuer.replaceAll("[^a-z]+", "-") + "-" + lc + "-" + role;
        Path key = dir.resolve(base + ".key");
        Path csr = dir.resolve(base + ".csr");
        Path crt = dir.resolve(base + ".crt");
        Path ext = dir.resolve(base + ".ext");
        write(ext, "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyAgreement\n"
                + "extendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1,DNS:" + role + "." + lc + "\n");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key.toString());
        openssl("req", "-new", "-key", key.toString(), "-subj", "/C=" + country + "/OU=" + role + "/CN=" + role + "." + lc,
                "-out", csr.toString());
        openssl("x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-days", String.valueOf(days), "-sha256", "-extfile", ext.toString(), "-out", crt.toString());
        return keystore(role + " certificate of " + country + " (" + issuer + ")", base, key, crt, caCert);
    }

    private Wire.Identity keystore(String name, String base, Path key, Path crt, Path chain) {
        Path p12 = dir.resolve(base + ".p12");
        openssl("pkcs12", "-export", "-name", "client", "-inkey", key.toString(), "-in", crt.toString(),
                "-certfile", chain.toString(), "-passout", "pass:" + pki.password(), "-out", p12.toString());
        return new Wire.Identity(name, p12);
    }

    private void openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run openssl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
