package org.trm.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trm.testkit.Eventually.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.trm.testkit.process.LocalFederation;

/**
 * A sick neighbour: AT's gateway hangs (SIGSTOP) for longer than the node's hand-over time-out,
 * while AT's coordinator goes on working. The node must serve everything throughout (its outbox
 * holds no database connection while it waits on the gateway) and take referrals as queued; once
 * the gateway runs again, both the node and BG's gateway (whose receipts for AT waited too) notice
 * it, and every receipt is back within ten seconds, with the components' default retry delays of up
 * to minutes. The node logs no stack trace meanwhile.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AvailabilityIT {
    /** Longer than the node's hand-over time-out (10 s), so that hand-overs fail and back off. */
    private static final Duration FREEZE = Duration.ofSeconds(20);
    private static final Duration DRAIN = Duration.ofSeconds(10);
    private static final Duration DELIVERY = Duration.ofSeconds(90);

    private LocalFederation federation;
    private Coordinator at;
    private Coordinator bg;

    @BeforeAll
    void startFederation() {
        // The components' own retry delays (up to a minute at a node, five at a gateway), not the tests' short ones.
        Map<String, String> settings = new HashMap<>(LocalFederation.testSettings());
        settings.remove("TRM_LOCAL_GATEWAY_ENV");
        settings.remove("TRM_LOCAL_NODE_ENV");
        federation = new LocalFederation(List.of("AT", "BG"), Path.of("target/federation-it"), settings);
        federation.up(true);
        at = new Coordinator("AT", federation.nodeUrl("AT"), federation.realmUrl("AT"));
        bg = new Coordinator("BG", federation.nodeUrl("BG"), federation.realmUrl("BG"));
    }

    @AfterAll
    void stopFederation() {
        if (federation != null) {
            federation.stop();
        }
    }

    @Test
    void shouldServeEverythingWhileTheGatewayHangsAndDrainTheBacklogSoonAfterItsReturn() throws IOException {
        // One referral through before the fault, so that the path is known to work.
        Referral first = refer();
        await(DELIVERY).until(() -> receipted(first));

        Path log = federation.log("AT", "node");
        long logFrom = Files.size(log);
        List<Referral> queued = new ArrayList<>();
        int served = 0;
        federation.signal("STOP", "at-gateway");
        try {
            long until = System.nanoTime() + FREEZE.toNanos();
            while (System.nanoTime() < until) {
                // About one round a second: a coordinator's pace, not a load test.
                long round = System.nanoTime();
                at.api().get("/api/v1/cases").then().statusCode(200).contentType(ContentType.JSON);
                at.api().get("/api/v1/statistics/tables").then().statusCode(200).contentType(ContentType.JSON);
                at.api().get("/api/v1/referrals?direction=OUTBOUND").then().statusCode(200);
                queued.add(refer());
                // The three reads, and refer()'s case and consent.
                served += 5;
                pause(Duration.ofSeconds(1).minusNanos(System.nanoTime() - round));
            }
        } finally {
            federation.signal("CONT", "at-gateway");
        }
        long thawed = System.nanoTime();
        assertTrue(queued.size() >= 3, "referrals taken while the gateway hung: " + queued.size());

        // Every receipt back within ten seconds of the gateway's return (no claim on how soon within them).
        await(DRAIN).untilAsserted(() -> {
            for (Referral r : queued) {
                assertEquals("RECEIPTED", state(r), "state of " + r.messageId());
            }
        });
        // A figure for the record, not a claim: how long the backlog took after the return.
        System.out.printf("availability: %d other requests served and %d referrals queued while AT's gateway hung for %d s;"
                + " every receipt back %.1f s after it ran again%n", served, queued.size(), FREEZE.toSeconds(),
                (System.nanoTime() - thawed) / 1e9);
        for (Referral r : queued) {
            JsonPath received = bg.conversation(r.conversationId());
            assertEquals(List.of("INBOUND"), received.getList("messages.findAll { it.messageId == '" + r.messageId()
                    + "' }.direction"), "BG holds " + r.messageId() + " once");
        }
        String written = Files.readString(log, StandardCharsets.UTF_8).substring((int) Math.min(logFrom, Files.size(log)));
        List<String> traces = written.lines().filter(l -> l.startsWith("\tat ")).toList();
        assertEquals(List.of(), traces.stream().limit(5).toList(),
                "AT's node logged stack traces while " + served + " other requests and " + queued.size() + " referrals were served");
    }

    private static void pause(Duration d) {
        if (d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private record Referral(String conversationId, String messageId) {
    }

    /** A new case with consent to share with BG, referred to BG: each step a request the node must serve. */
    private Referral refer() {
        String caseId = at.createCase("BG");
        at.consent(caseId, "SHARE_WITH_COUNTRY", "BG");
        JsonPath queued = at.api().body(Map.of("to", "BG", "reason", "AdditionalServicesRequired",
                        "details", "needs shelter", "includePersonalData", false))
                .post("/api/v1/cases/{id}/referrals", caseId)
                .then().statusCode(202).contentType(ContentType.JSON).extract().jsonPath();
        assertEquals("QUEUED", queued.getString("state"), "taken as queued");
        return new Referral(queued.getString("conversationId"), queued.getString("messageId"));
    }

    private boolean receipted(Referral r) {
        return "RECEIPTED".equals(state(r));
    }

    private String state(Referral r) {
        return at.conversation(r.conversationId()).getString("messages.find { it.messageId == '" + r.messageId() + "' }.state");
    }
}
