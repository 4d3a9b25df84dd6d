package org.trm.systemtest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.trm.testkit.Eventually.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.trm.model.code.MessageType;
import org.trm.testkit.process.LocalFederation;

/**
 * An agreement revision on the three-country local federation: the federation operator publishes
 * revision 2 of AT-BG, which leaves case updates out from its start date. Until then both nodes
 * and both gateways let a case update through under revision 1; from then on every hop refuses it
 * with type-not-covered in either direction while referrals travel under revision 2, each message
 * recording its revision at the gateways, and revision 1 stays readable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgreementRevisionIT {
    private static final Duration DELIVERY = Duration.ofSeconds(90);
    /** Long enough for the gateways (1 s) and the nodes (5 s) to read the new directory before it applies. */
    private static final Duration LEAD_TIME = Duration.ofSeconds(30);

    private LocalFederation federation;
    private Coordinator at;
    private Coordinator bg;
    private FederationOperator operator;

    @BeforeAll
    void startFederation() throws Exception {
        federation = new LocalFederation(List.of("AT", "BG", "RO"));
        federation.up(true);
        operator = new FederationOperator(federation);
        at = new Coordinator("AT", federation.nodeUrl("AT"), federation.realmUrl("AT"));
        bg = new Coordinator("BG", federation.nodeUrl("BG"), federation.realmUrl("BG"));
    }

    @AfterAll
    void stopFederation() throws Exception {
        if (operator != null) {
            operator.restore();
        }
        if (federation != null) {
            federation.stop();
        }
    }

    @Test
    void shouldApplyRevisionTwoFromItsStartDateAtEveryHopWithRevisionOneStillReadable() throws Exception {
        String conversation = referAndAccept();
        Instant starts = Instant.now().plus(LEAD_TIME).truncatedTo(ChronoUnit.SECONDS);
        operator.publishRevision("AT-BG", EnumSet.complementOf(EnumSet.of(MessageType.CASE_UPDATE)), starts,
                Duration.ofDays(5));

        // Before the start date revision 1 is in force: a case update goes through and says so.
        String before = at.send(conversation, Map.of("type", "CASE_UPDATE", "note", "before revision 2"));
        await(DELIVERY).untilAsserted(() -> assertNotNull(message(bg, conversation, before)));
        assertEquals(1, revision("AT", before));
        assertEquals(1, revision("BG", before));

        while (Instant.now().isBefore(starts.plusSeconds(6))) {
            Thread.sleep(500);
        }
        // From the start date: case updates are no longer agreed, from either side, and nothing is queued.
        for (Coordinator c : List.of(at, bg)) {
            int outbound = outbound(c, conversation);
            c.api().body(Map.of("type", "CASE_UPDATE", "note", "after revision 2"))
                    .post("/api/v1/referrals/{id}/messages", conversation)
                    .then().statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("urn:trm:problem:type-not-covered"));
            assertEquals(outbound, outbound(c, conversation), c.country + " queued nothing");
        }
        // A referral still travels, now under revision 2 at both gateways.
        JsonPath queued = at.referNewCase("BG");
        String referral = queued.getString("messageId");
        await(DELIVERY).untilAsserted(() -> assertNotNull(message(bg, queued.getString("conversationId"), referral)));
        assertEquals(2, revision("AT", referral));
        assertEquals(2, revision("BG", referral));
        assertEquals(1, revision("AT", before),
                "what travelled under revision 1 still says so");

        // What was agreed before stays readable.
        JsonPath revisions = operator.gateway("BG").get("/local/v1/agreements/AT-BG/revisions").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(1, 2), revisions.getList("revision"));
        assertEquals(List.of("SUPERSEDED", "IN_FORCE"), revisions.getList("status"));
        assertEquals(true, revisions.getList("[0].types").contains("CASE_UPDATE"));
        assertEquals(false, revisions.getList("[1].types").contains("CASE_UPDATE"));
        assertEquals("PT120H", revisions.getString("[1].responseTime"));
        assertEquals(List.of("AT", "BG"), revisions.getList("[1].focalPoints.country"));
    }

    /** AT refers a consenting BG citizen's case to BG, and BG accepts: a conversation under revision 1. */
    private String referAndAccept() {
        JsonPath queued = at.referNewCase("BG");
        String conversation = queued.getString("conversationId");
        await(DELIVERY).untilAsserted(() -> assertNotNull(message(bg, conversation, queued.getString("messageId"))));
        bg.api().post("/api/v1/referrals/{id}/accept", conversation).then().statusCode(202);
        await(DELIVERY).untilAsserted(() -> assertEquals("ACCEPTED", at.conversation(conversation).getString("status")));
        return conversation;
    }

    /** The agreement revision the country's gateway recorded for the message. */
    private int revision(String country, String messageId) {
        return operator.gateway(country).get("/local/v1/envelopes/" + messageId).then().statusCode(200).extract()
                .jsonPath().getInt("agreementRevision");
    }

    private static Map<String, Object> message(Coordinator c, String conversation, String messageId) {
        JsonPath thread = c.conversation(conversation);
        return thread == null ? null : thread.getMap("messages.find { it.messageId == '" + messageId + "' }");
    }

    private static int outbound(Coordinator c, String conversation) {
        return c.conversation(conversation).getList("messages.findAll { it.direction == 'OUTBOUND' }").size();
    }
}
