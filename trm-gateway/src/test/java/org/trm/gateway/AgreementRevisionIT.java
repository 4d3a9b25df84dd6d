package org.trm.gateway;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.trm.testkit.Eventually.await;
import static org.trm.testkit.pki.Federation.as;
import static org.trm.testkit.pki.Federation.envelope;
import static org.trm.testkit.pki.Federation.post;
import static org.trm.testkit.pki.Federation.signed;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.trm.model.code.MessageType;
import org.trm.model.directory.Agreement;
import org.trm.model.directory.FocalPoint;
import org.trm.model.envelope.Envelope;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.problem.ProblemType;
import org.trm.testkit.node.NodeSink;
import org.trm.testkit.pki.TestDirectory;
import org.trm.testkit.process.GatewayProcess;

/**
 * Agreement revisions at two real gateways over mTLS: a new revision changes what both borders let
 * through from its start date, each message records the revision it travelled under, the replaced
 * revision stays readable, and each gateway counts what travelled under each revision (transport
 * figures); expired, not yet valid and absent agreements are each their own refusal, and a refused
 * message is not stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgreementRevisionIT {
    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final Instant LAST_YEAR = Instant.now().minus(365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    private static final Set<MessageType> ALL = EnumSet.allOf(MessageType.class);
    /** Revision 2 leaves case updates out. */
    private static final Set<MessageType> REFERRALS_ONLY = EnumSet.of(MessageType.REFERRAL,
            MessageType.REFERRAL_RESPONSE, MessageType.RECEIPT, MessageType.DELIVERY_FAILURE);

    private NodeSink nodeAt;
    private NodeSink nodeBg;
    private GatewayProcess at;
    private GatewayProcess bg;
    private TestDirectory directory;

    private static Agreement atBg(int revision, Set<MessageType> types, Instant from, Instant until, int days) {
        return new Agreement("AT-BG", revision, List.of("AT", "BG"), types, from, until, Duration.ofDays(days),
                List.of(new FocalPoint("AT", "Federal Ministry of the Interior, NRM coordination", "mailto:nrm@at.example.org"),
                        new FocalPoint("BG", "National Commission for Combating Trafficking", "mailto:nrm@bg.example.org")));
    }

    @BeforeAll
    void startFederation() throws Exception {
        nodeAt = new NodeSink("AT");
        nodeBg = new NodeSink("BG");
        directory = new TestDirectory(Path.of("target/it-agreements/federation.jws"));
        at = new GatewayProcess("AT", "gw_test_a", nodeAt.url(), directory.file());
        bg = new GatewayProcess("BG", "gw_test_b", nodeBg.url(), directory.file());
        directory.urls(Map.of("AT", at.url(), "BG", bg.url())).publish(List.of(atBg(1, ALL, LAST_YEAR, null, 3)));
        at.start(true);
        bg.start(true);
    }

    @AfterAll
    void stopFederation() throws Exception {
        // Gateways first, so that neither delivers to a node sink that is gone.
        for (GatewayProcess g : java.util.Arrays.asList(at, bg)) {
            if (g != null) {
                g.close();
            }
        }
        java.util.stream.Stream.of(nodeAt, nodeBg).filter(java.util.Objects::nonNull).forEach(NodeSink::close);
    }

    private void publish(List<Agreement> agreements) throws Exception {
        int version = directory.publish(agreements);
        for (GatewayProcess g : List.of(at, bg)) {
            await(PATIENCE).untilAsserted(() -> RestAssured.get(g.managementUrl() + "/q/health/ready").then()
                    .body("checks.find { it.name == 'federation-directory' }.data.version", is(version)));
        }
    }

    private JsonPath status(GatewayProcess gateway, UUID id) {
        return as(gateway.country(), "node").get(gateway.url() + "/local/v1/envelopes/" + id).then().statusCode(200)
                .extract().jsonPath();
    }

    private JsonPath accepted(Envelope e) {
        return post(as("AT", "node"), signed(e)).post(at.url() + "/local/v1/envelopes").then().statusCode(202)
                .extract().jsonPath();
    }

    /** Refused at AT's border with {@code type}, and nothing of it stored there. */
    private void refusedAtAt(Envelope e, String type) {
        post(as("AT", "node"), signed(e)).post(at.url() + "/local/v1/envelopes").then().statusCode(403)
                .contentType(MediaTypes.PROBLEM_JSON).body("type", is(type)).body("hop", is("gateway.AT"));
        as("AT", "node").get(at.url() + "/local/v1/envelopes/" + e.messageId()).then().statusCode(404);
    }

    @Test
    @Order(1)
    void shouldApplyANewRevisionFromItsStartDateAndKeepTheOldOneReadable() throws Exception {
        // A start date far enough ahead for the checks before it on a loaded machine (the delivery
        // to BG's node below can take seconds there).
        Instant starts = Instant.now().plusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
        publish(List.of(atBg(1, ALL, LAST_YEAR, null, 3), atBg(2, REFERRALS_ONLY, starts, null, 5)
                .withReturnTerms(java.time.Period.ofDays(21), List.of(java.time.Period.ofMonths(1), java.time.Period.ofMonths(6)))));

        // Before its start date, revision 1 is in force at both borders.
        Envelope before = envelope("AT", "BG", MessageType.CASE_UPDATE);
        assertEquals(1, accepted(before).getInt("agreementRevision"));
        as("AT", "operator").get(at.url() + "/local/v1/agreements/AT-BG/revisions").then().statusCode(200)
                .body("revision", is(List.of(1, 2))).body("status", is(List.of("IN_FORCE", "SCHEDULED")));
        assertEquals("AT-BG", status(at, before.messageId()).getString("agreement"));
        await(PATIENCE).until(() -> nodeBg.received().containsKey(before.messageId()));
        assertEquals(1, status(bg, before.messageId()).getInt("agreementRevision"), "recorded at the peer too");

        while (Instant.now().isBefore(starts.plusMillis(200))) {
            Thread.sleep(200);
        }
        // From its start date, revision 2 is in force: case updates are no longer agreed, referrals are.
        refusedAtAt(envelope("AT", "BG", MessageType.CASE_UPDATE), "urn:trm:problem:type-not-covered");
        Envelope referral = envelope("AT", "BG", MessageType.REFERRAL);
        assertEquals(2, accepted(referral).getInt("agreementRevision"));
        // The peer's border applies the same revision: a case update forwarded by AT's gateway is refused there.
        Envelope forwarded = envelope("AT", "BG", MessageType.CASE_UPDATE);
        post(as("AT", "gateway"), signed(forwarded)).post(bg.url() + "/federation/v1/envelopes").then().statusCode(403)
                .contentType(MediaTypes.PROBLEM_JSON).body("type", is("urn:trm:problem:type-not-covered"))
                .body("hop", is("gateway.BG"));
        as("BG", "node").get(bg.url() + "/local/v1/envelopes/" + forwarded.messageId()).then().statusCode(404);
        // The message that travelled under revision 1 still says so.
        assertEquals(1, status(at, before.messageId()).getInt("agreementRevision"));

        // What was agreed before stays readable: both revisions, the first one replaced, with its terms.
        JsonPath revisions = as("BG", "node").get(bg.url() + "/local/v1/agreements/AT-BG/revisions").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of(1, 2), revisions.getList("revision"));
        assertEquals(List.of("SUPERSEDED", "IN_FORCE"), revisions.getList("status"));
        assertEquals("PT72H", revisions.getString("[0].responseTime"));
        assertEquals("PT120H", revisions.getString("[1].responseTime"));
        assertEquals(List.of("AT", "BG"), revisions.getList("[0].focalPoints.country"));
        assertEquals("mailto:nrm@bg.example.org", revisions.getString("[1].focalPoints[1].contact"));
        assertEquals(true, revisions.getList("[0].types").contains("CASE_UPDATE"));
        // Revision 2 adds return terms: three weeks' notice, follow-ups after one and six months.
        assertEquals(null, revisions.getString("[0].returnLeadTime"));
        assertEquals("P21D", revisions.getString("[1].returnLeadTime"));
        assertEquals(List.of("P1M", "P6M"), revisions.getList("[1].returnFollowUps"));
        assertEquals(false, revisions.getList("[1].types").contains("CASE_UPDATE"));
        // The live figures are measured against the revision in force.
        as("AT", "node").get(at.url() + "/local/v1/agreements").then().statusCode(200)
                .body("find { it.from == 'AT' && it.to == 'BG' }.revision", is(2))
                .body("find { it.from == 'AT' && it.to == 'BG' }.agreedResponseSeconds", is(5 * 86400));
    }

    @Test
    @Order(2)
    void shouldCountWhatTravelledUnderEachRevisionByLegTypeAndStateWhenAskedForTransportFigures() throws Exception {
        // Revision 2 is in force now (test 1); only what this test sends falls into the period.
        Instant since = Instant.now();
        Envelope delivered = envelope("AT", "BG", MessageType.REFERRAL);
        Envelope refused = envelope("AT", "BG", MessageType.REFERRAL);
        nodeBg.refuse(refused.messageId(), ProblemType.UNKNOWN_CONVERSATION);
        accepted(delivered);
        accepted(refused);
        await(PATIENCE).until(() -> "RECEIPTED".equals(status(at, delivered.messageId()).getString("state"))
                && "DEAD".equals(status(at, refused.messageId()).getString("state")));
        await(PATIENCE).until(() -> nodeAt.received().values().stream().map(EnvelopeVerifier::peek)
                .anyMatch(e -> e.type() == MessageType.DELIVERY_FAILURE && refused.messageId().equals(e.inReplyTo())));

        JsonPath atFigures = transport("AT", since);
        assertEquals("AT-BG", atFigures.getString("agreement"));
        assertEquals("AT", atFigures.getString("country"));
        assertEquals(Map.of(
                "2 AT BG OUTBOUND REFERRAL RECEIPTED", 1, "2 AT BG OUTBOUND REFERRAL DEAD", 1,
                "2 BG AT INBOUND RECEIPT DELIVERED", 1, "2 BG AT INBOUND DELIVERY_FAILURE DELIVERED", 1), counts(atFigures));
        // The peer's gateway counts the same referrals from its side: the dead one, and the signal it sent.
        Map<String, Integer> bgCounts = counts(transport("BG", since));
        assertEquals(1, bgCounts.get("2 AT BG INBOUND REFERRAL DEAD"));
        assertEquals(1, bgCounts.get("2 BG AT OUTBOUND DELIVERY_FAILURE FORWARDED"));
        assertEquals(Map.of(), counts(transport("AT", Instant.now())), "nothing was accepted after the period began");

        String url = at.url() + "/local/v1/agreements/AT-BG/transport";
        as("AT", "node").get(url + "?from=yesterday").then().statusCode(400).contentType(MediaTypes.PROBLEM_JSON)
                .body("type", is("urn:trm:problem:gateway:bad-request"));
        as("AT", "node").get(url + "?from=" + since + "&to=" + since).then().statusCode(400)
                .contentType(MediaTypes.PROBLEM_JSON);
        as("AT", "node").get(at.url() + "/local/v1/agreements/AT-XX/transport").then().statusCode(404)
                .contentType(MediaTypes.PROBLEM_JSON).body("type", is("urn:trm:problem:gateway:not-found"));
        as("BG", "operator").get(url).then().statusCode(403).contentType(MediaTypes.PROBLEM_JSON);
    }

    private JsonPath transport(String country, Instant since) {
        GatewayProcess gateway = country.equals("AT") ? at : bg;
        return as(country, "operator").get(gateway.url() + "/local/v1/agreements/AT-BG/transport?from=" + since)
                .then().statusCode(200).extract().jsonPath();
    }

    /** Each count as "revision from to direction type state", which a failure message shows whole. */
    private static Map<String, Integer> counts(JsonPath figures) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (Map<String, Object> c : figures.<Map<String, Object>>getList("counts")) {
            counts.put(c.get("revision") + " " + c.get("from") + " " + c.get("to") + " " + c.get("direction") + " "
                    + c.get("type") + " " + c.get("state"), ((Number) c.get("messages")).intValue());
        }
        return counts;
    }

    @Test
    @Order(3)
    void shouldRefuseAnExpiredANotYetValidAndAMissingAgreementEachWithItsOwnProblem() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        publish(List.of(atBg(1, ALL, LAST_YEAR, now.minusSeconds(60), 3),
                new Agreement("AT-RO", 1, List.of("AT", "RO"), ALL, now.plus(30, ChronoUnit.DAYS), null,
                        Duration.ofDays(3), List.of())));
        refusedAtAt(envelope("AT", "BG", MessageType.REFERRAL), "urn:trm:problem:agreement-expired");
        refusedAtAt(envelope("AT", "RO", MessageType.REFERRAL), "urn:trm:problem:agreement-not-yet-valid");

        publish(List.of());
        refusedAtAt(envelope("AT", "BG", MessageType.REFERRAL), "urn:trm:problem:no-agreement");
        as("AT", "operator").get(at.url() + "/local/v1/agreements/AT-BG/revisions").then().statusCode(404)
                .contentType(MediaTypes.PROBLEM_JSON).body("type", is("urn:trm:problem:gateway:not-found"));
        // Only the country's own node and operator read its agreements.
        as("BG", "operator").get(at.url() + "/local/v1/agreements/AT-BG/revisions").then().statusCode(403);
    }
}
