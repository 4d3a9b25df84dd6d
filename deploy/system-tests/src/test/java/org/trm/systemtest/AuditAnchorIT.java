package org.trm.systemtest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trm.testkit.Eventually.await;

import io.restassured.RestAssured;
import io.restassured.config.SSLConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.trm.model.anchor.AuditCheckpoint;
import org.trm.model.crypto.Jwks;
import org.trm.model.directory.Directory;
import org.trm.model.directory.DirectoryCodec;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.testkit.pki.Pki;
import org.trm.testkit.process.LocalFederation;
import org.trm.testkit.token.RealmLogin;

/**
 * AT's node and gateway as they run (separate processes, their own databases, real mTLS and
 * Keycloak): the node's audit checkpoints reach its gateway, and a tail cut in the node's database
 * (entries and head moved back in one transaction) is reported by {@code audit/verify}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditAnchorIT {
    /** The first scheduled checkpoint follows the node's start; the patience covers a loaded machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private LocalFederation federation;
    private Coordinator coordinator;
    private RealmLogin auditor;
    private String nodeUrl;
    private String gatewayUrl;
    private String nodeDatabase;
    private Pki pki;

    @BeforeAll
    void startFederation() {
        federation = new LocalFederation(List.of("AT"));
        federation.up(true);
        JsonPath status = federation.status();
        nodeUrl = status.getString("countries.AT.nodeUrl");
        gatewayUrl = status.getString("countries.AT.gatewayUrl");
        nodeDatabase = status.getString("countries.AT.nodeDatabase");
        pki = Pki.at(Path.of(status.getString("pkiDir")));
        coordinator = new Coordinator("AT", nodeUrl, status.getString("countries.AT.realmUrl"));
        auditor = RealmLogin.user(status.getString("countries.AT.realmUrl"), "auditor");
    }

    @AfterAll
    void stopFederation() {
        if (federation != null) {
            federation.stop();
        }
    }

    private JsonPath verify() {
        return given().baseUri(nodeUrl).auth().oauth2(auditor.token()).accept(ContentType.JSON)
                .get("/api/v1/audit/verify").then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
    }

    /** AT's gateway as the country's operator reads it (OU=operator certificate). */
    private RequestSpecification operator() {
        return given().baseUri(gatewayUrl).config(RestAssured.config().sslConfig(SSLConfig.sslConfig()
                .keyStore(pki.keystore("AT", "operator").toString(), pki.password()).keystoreType("PKCS12")
                .trustStore(pki.truststore().toString(), pki.password()).trustStoreType("PKCS12")));
    }

    private JsonPath latestCheckpoint() {
        return operator().get("/local/v1/audit-checkpoints/latest").then().statusCode(200).extract().jsonPath();
    }

    /** Accesses to personal data (consents), each an audit entry. */
    private void accesses(int n) {
        String caseId = coordinator.createCase("BG");
        for (int i = 0; i < n; i++) {
            coordinator.consent(caseId, "SHARE_WITH_COUNTRY", "BG");
        }
    }

    private Connection nodeDb() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + nodeDatabase, "trm", "trm");
    }

    @Test
    @Order(1)
    void shouldHandCheckpointsOfTheAuditHeadToTheGateway() throws IOException {
        // Scheduled: the node signs its head from its start on, before anyone verifies.
        await(PATIENCE).until(() -> operator().get("/local/v1/audit-checkpoints/latest").statusCode() == 200);

        accesses(3);
        JsonPath verified = verify();
        assertEquals(true, verified.getBoolean("valid"));
        assertEquals("ANCHORED", verified.getString("anchor.state"));
        long head = verified.getLong("checkedEntries");
        // Verifying signs the head afresh: the gateway now holds it, signed by AT's node key.
        assertEquals(head, verified.getLong("anchor.checkpointSeq"));
        JsonPath latest = latestCheckpoint();
        assertEquals(head, latest.getLong("seq"));
        assertEquals("AT", latest.getString("country"));
        Directory directory = DirectoryCodec.verify(Files.readString(pki.directory()), Jwks.load(pki.operatorPublicKey()));
        AuditCheckpoint.Signed signed = AuditCheckpoint.verify(latest.getString("jws"),
                new EnvelopeVerifier(() -> directory, Clock.systemUTC()));
        assertEquals(new AuditCheckpoint(1, "AT", head, latest.getString("hash"), signed.checkpoint().issuedAt()),
                signed.checkpoint());
    }

    @Test
    @Order(2)
    void shouldReportTheCutTailWhenTheNewestEntriesAndTheHeadAreMovedBackInOneTransaction() throws SQLException {
        accesses(3);
        long head = verify().getLong("anchor.checkpointSeq");
        long kept = head - 2;

        // Someone with the node's database covers the last two accesses: rows and head, one transaction.
        try (Connection c = nodeDb(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("DELETE FROM audit_entry WHERE seq > " + kept);
            s.executeUpdate("UPDATE audit_head SET seq = " + kept + ", hash = (SELECT hash FROM audit_entry WHERE seq = "
                    + kept + ") WHERE id = 1");
            c.commit();
        }

        // The first checkpoint beyond the end tells: the fresh one of entry head, or a scheduled one before it.
        given().baseUri(nodeUrl).auth().oauth2(auditor.token()).get("/api/v1/audit/verify").then().statusCode(200)
                .body("valid", equalTo(false))
                .body("firstBrokenSeq", equalTo((int) kept + 1))
                .body("reason", containsString("the chain ends at entry " + kept + ", but the node signed a checkpoint"))
                .body("reason", containsString("entries from " + (kept + 1) + " were cut"))
                .body("anchor.state", equalTo("CONTRADICTED"));
        // Nothing signs the cut chain: the gateway still holds the checkpoint of the old head.
        assertEquals(head, latestCheckpoint().getLong("seq"));

        // New accesses grow the chain past its old end; the checkpoint's entry now has another hash.
        accesses(3);
        JsonPath regrown = verify();
        assertEquals(false, regrown.getBoolean("valid"));
        assertEquals("CONTRADICTED", regrown.getString("anchor.state"));
        long rewritten = regrown.getLong("firstBrokenSeq");
        assertTrue(rewritten > kept && rewritten <= head, "a checkpointed entry after the cut: " + rewritten);
        assertThat(regrown.getString("reason"),
                containsString("entry " + rewritten + " does not have the hash the node signed for it"));
    }

    @Test
    @Order(3)
    void shouldSayNotAnchoredWhenTheGatewayIsDown() {
        federation.stop("at-gateway");
        given().baseUri(nodeUrl).auth().oauth2(auditor.token()).get("/api/v1/audit/verify").then().statusCode(200)
                .body("anchor.state", equalTo("NOT_ANCHORED"))
                .body("anchor.reason", equalTo("the gateway could not be reached"))
                .body("anchor.checkpointSeq", nullValue());
    }
}
