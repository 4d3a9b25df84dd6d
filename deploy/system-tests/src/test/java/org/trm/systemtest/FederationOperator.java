package org.trm.systemtest;

import static org.hamcrest.Matchers.equalTo;
import static org.trm.testkit.Eventually.await;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.trm.model.code.MessageType;
import org.trm.model.directory.Agreement;
import org.trm.model.directory.Directory;
import org.trm.model.directory.DirectoryCodec;
import org.trm.model.json.Json;
import org.trm.testkit.pki.Pki;
import org.trm.testkit.process.LocalFederation;

/**
 * The federation operator of a running local federation, and each country's gateway operator: a
 * new agreement revision signed and handed to every service, and the gateways' local endpoints
 * with the operator certificate.
 */
final class FederationOperator {
    private static final String PKI_PASSWORD = System.getenv().getOrDefault("TRM_PKI_PASSWORD", "changeit");
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final LocalFederation federation;
    private final JsonPath status;
    /** The agreements as the federation started with them, for {@link #restore}. */
    private final List<Agreement> initial;

    FederationOperator(LocalFederation federation) throws Exception {
        this.federation = federation;
        this.status = federation.status();
        this.initial = directory().agreements();
    }

    /**
     * The operator's next directory: the one in use with the next revision of agreement {@code id}
     * beside the older ones, from {@code starts}, with the parties, end date and focal points of
     * the revision in force now; signed and written where the federation reads it, handed to the
     * running services, and waited for until both gateways of the agreement use it.
     *
     * @return the new directory's version
     */
    int publishRevision(String id, Set<MessageType> types, Instant starts, Duration responseTime) throws Exception {
        Directory current = directory();
        Agreement now = current.inForce(id, Instant.now()).orElseThrow();
        List<Agreement> agreements = new ArrayList<>(current.agreements());
        agreements.add(new Agreement(id, now.revision() + 1, now.parties(), types, starts, now.validUntil(), responseTime,
                now.focalPoints()));
        Directory next = sign(current, agreements);
        federation.up(false);
        for (String cc : now.parties()) {
            await(PATIENCE).untilAsserted(() -> RestAssured.get(status.getString("countries." + cc
                    + ".gatewayManagementUrl") + "/q/health/ready").then()
                    .body("checks.find { it.name == 'federation-directory' }.data.version", equalTo(next.version())));
        }
        return next.version();
    }

    /**
     * Signs the agreements the federation started with as the next directory, so that the tests
     * that run on the same federation directory after this one find what it found (the PKI, and
     * its directory, outlive a federation's stop). For the end of a test, before the federation stops.
     */
    void restore() throws Exception {
        Directory current = directory();
        if (!current.agreements().equals(initial)) {
            sign(current, initial);
        }
    }

    private Directory directory() throws Exception {
        return DirectoryCodec.parse(Files.readString(pki().directoryJson()));
    }

    /** Writes and signs the directory after {@code current} with {@code agreements}, where the federation reads it. */
    private Directory sign(Directory current, List<Agreement> agreements) throws Exception {
        Pki pki = pki();
        Directory next = new Directory(current.version() + 1, Instant.now(), current.participants(), agreements);
        write(pki.directoryJson(), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(next));
        write(pki.directoryJson().resolveSibling("federation.jws"), DirectoryCodec.sign(next, pki.operatorKey()));
        return next;
    }

    /** The federation's key material: the directory in use and the operator key that signs it. */
    Pki pki() {
        return Pki.at(Path.of(status.getString("pkiDir")));
    }

    /** The country's gateway, as its operator. */
    RequestSpecification gateway(String country) {
        String pki = status.getString("pkiDir");
        return RestAssured.given()
                .keyStore(new File(pki, country.toLowerCase() + "/operator.p12"), PKI_PASSWORD)
                .trustStore(new File(pki, "truststore.p12"), PKI_PASSWORD)
                .baseUri(status.getString("countries." + country + ".gatewayUrl"));
    }

    private static void write(Path file, String content) throws Exception {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
