package org.trm.gateway.anchor;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trm.testkit.pki.Federation.as;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.trm.model.anchor.AuditCheckpoint;
import org.trm.model.envelope.EnvelopeSigner;
import org.trm.model.envelope.MediaTypes;
import org.trm.testkit.pki.Pki;

/**
 * The AT gateway's anchor of its node's audit trail over real mTLS: checkpoints signed by AT's node
 * key are kept, resent ones change nothing, a rewind is refused, and the table refuses to change.
 */
@QuarkusTest
class CheckpointLedgerTest {
    private static final String PATH = "/local/v1/audit-checkpoints";

    @TestHTTPResource(value = "/", tls = true)
    URL url;

    @Inject
    DataSource dataSource;

    private String at(String path) {
        return url.toString().replaceAll("/$", "") + path;
    }

    private static String hash() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String checkpoint(String country, long seq, String hash, String keyOf) {
        return AuditCheckpoint.of(country, seq, hash, Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .sign(new EnvelopeSigner(Pki.TEST.signingKey(keyOf)));
    }

    private ValidatableResponse post(String country, String role, String jws) {
        return as(country, role).contentType(MediaTypes.AUDIT_CHECKPOINT_JWS).body(jws.getBytes(StandardCharsets.US_ASCII))
                .post(at(PATH)).then();
    }

    private void refused(ValidatableResponse response, int status, String slug) {
        response.statusCode(status).contentType(MediaTypes.PROBLEM_JSON)
                .body("type", is("urn:trm:problem:" + slug)).body("hop", is("gateway.AT"));
    }

    /** A sequence number beyond every checkpoint held, so that tests do not depend on each other's order. */
    private long next() {
        var latest = as("AT", "node").get(at(PATH + "/latest"));
        return latest.statusCode() == 404 ? 1000 : latest.then().extract().jsonPath().getLong("seq") + 1000;
    }

    @Test
    void shouldKeepTheOwnNodesCheckpointAndAnswerItAsLatestToNodeAndOperator() {
        long seq = next();
        String hash = hash();
        String jws = checkpoint("AT", seq, hash, "AT");
        post("AT", "node", jws).statusCode(201).contentType("application/json")
                .body("seq", is((int) seq)).body("hash", is(hash)).body("country", is("AT"))
                .body("kid", is("AT-sig-1")).body("jws", is(jws));
        for (String role : List.of("node", "operator")) {
            as("AT", role).get(at(PATH + "/latest")).then().statusCode(200)
                    .body("seq", is((int) seq)).body("hash", is(hash)).body("jws", is(jws));
        }
        as("AT", "operator").queryParam("after", seq - 1).get(at(PATH)).then().statusCode(200)
                .body("seq", is(List.of((int) seq)));
    }

    @Test
    void shouldAnswerTheHeldCheckpointWhenTheSameIsSentAgain() {
        long seq = next();
        String hash = hash();
        String first = checkpoint("AT", seq, hash, "AT");
        post("AT", "node", first).statusCode(201);
        // The node signs its head every minute, also when it did not move: the same head, a later time.
        post("AT", "node", checkpoint("AT", seq, hash, "AT")).statusCode(200).body("jws", is(first));
        as("AT", "node").queryParam("after", seq - 1).get(at(PATH)).then().statusCode(200).body("seq", is(List.of((int) seq)));
    }

    @Test
    void shouldRefuseACheckpointThatGoesBackBehindTheLatestOrRewritesOne() {
        long seq = next();
        String hash = hash();
        post("AT", "node", checkpoint("AT", seq, hash, "AT")).statusCode(201);

        refused(post("AT", "node", checkpoint("AT", seq - 10, hash(), "AT")), 409, "gateway:checkpoint-rewind");
        refused(post("AT", "node", checkpoint("AT", seq, hash(), "AT")), 409, "gateway:checkpoint-rewind");
        as("AT", "node").get(at(PATH + "/latest")).then().statusCode(200).body("seq", is((int) seq)).body("hash", is(hash));
    }

    @Test
    void shouldRefuseACheckpointSignedByAnotherCountrysKey() {
        long seq = next();
        refused(post("AT", "node", checkpoint("AT", seq, hash(), "BG")), 400, "key-not-of-sender");
        // BG's own checkpoint, handed in by AT's node: not this gateway's node's trail.
        refused(post("AT", "node", checkpoint("BG", seq, hash(), "BG")), 403, "sender-mismatch");
        as("AT", "node").queryParam("after", seq - 1).get(at(PATH)).then().statusCode(200).body("seq", is(List.of()));
    }

    @Test
    void shouldRefuseEveryCallerButTheOwnNodeWhenAppending() {
        long seq = next();
        String jws = checkpoint("AT", seq, hash(), "AT");
        refused(post("BG", "node", jws), 403, "gateway:caller-not-allowed");
        refused(post("AT", "operator", jws), 403, "gateway:caller-not-allowed");
        refused(post("BG", "gateway", jws), 403, "gateway:caller-not-allowed");
        refused(as("BG", "node").get(at(PATH + "/latest")).then(), 403, "gateway:caller-not-allowed");
        as("AT", "node").queryParam("after", seq - 1).get(at(PATH)).then().statusCode(200).body("seq", is(List.of()));
    }

    @Test
    void shouldRefuseAnythingButACheckpoint() {
        long seq = next();
        String jws = checkpoint("AT", seq, hash(), "AT");
        refused(as("AT", "node").contentType(MediaTypes.ENVELOPE_JWS)
                .body(jws.getBytes(StandardCharsets.US_ASCII)).post(at(PATH)).then(), 415,
                "unsupported-media-type");
        refused(as("AT", "node").contentType(MediaTypes.AUDIT_CHECKPOINT_JWS + "x")
                .body(jws.getBytes(StandardCharsets.US_ASCII)).post(at(PATH)).then(), 415, "unsupported-media-type");
        refused(post("AT", "node", "not.a.jws"), 400, "malformed");
        refused(post("AT", "node", jws.substring(0, jws.length() - 4) + "AAAA"), 400, "bad-signature");
    }

    @Test
    void shouldRefuseUpdateDeleteAndTruncateOnTheTable() throws SQLException {
        long seq = next();
        post("AT", "node", checkpoint("AT", seq, hash(), "AT")).statusCode(201);
        for (String sql : List.of("UPDATE audit_checkpoint SET seq = 1 WHERE seq = " + seq,
                "UPDATE audit_checkpoint SET hash = repeat('0', 64)", "DELETE FROM audit_checkpoint WHERE seq = " + seq,
                "TRUNCATE audit_checkpoint")) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
                assertEquals("42501", e.getSQLState(), sql);
                assertTrue(e.getMessage().contains("append-only"), sql);
            }
        }
        as("AT", "node").get(at(PATH + "/latest")).then().statusCode(200).body("seq", is((int) seq));
    }
}
