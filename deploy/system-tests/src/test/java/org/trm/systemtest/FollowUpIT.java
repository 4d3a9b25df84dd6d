package org.trm.systemtest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trm.testkit.Eventually.await;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.trm.model.code.MessageType;
import org.trm.model.crypto.Jwks;
import org.trm.model.directory.DirectoryStore;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.followup.FollowUpReport;
import org.trm.testkit.pki.Pki;
import org.trm.testkit.process.LocalFederation;
import org.trm.testkit.token.RealmLogin;

/**
 * Agreement follow-up on the three-country local federation, a scripted scenario AT → BG. Under
 * revision 1 of AT-BG (three days to answer) AT refers three cases and BG accepts two and declines
 * one, and BG refers one that AT accepts. Then the operator publishes revision 2, whose agreed time
 * is five seconds, so that lateness follows from what the scenario waits for, never from how fast
 * the machine is: under it AT refers two more; BG answers one only after more than five seconds and
 * never the other. Both nodes' reports, and their gauges, say exactly that, each from its side, and
 * meet referral by referral; AT's gateway's transport figures count the same referrals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FollowUpIT {
    private static final Duration DELIVERY = Duration.ofSeconds(90);
    /** Long enough for the gateways (1 s) and the nodes (5 s) to read the new directory before it applies. */
    private static final Duration LEAD_TIME = Duration.ofSeconds(30);
    private static final Duration SHORT_AGREED = Duration.ofSeconds(5);
    /** Waited before the late answer and before counting: more than {@link #SHORT_AGREED} on any clock of the machine. */
    private static final Duration PAST_AGREED = SHORT_AGREED.plusSeconds(2);

    private LocalFederation federation;
    private FederationOperator operator;
    private Coordinator at;
    private Coordinator bg;
    private JsonPath status;

    @BeforeAll
    void startFederation() throws Exception {
        Map<String, String> settings = new HashMap<>(LocalFederation.testSettings());
        // The gauges are recomputed every two seconds, so that the test sees them follow.
        settings.merge("TRM_LOCAL_NODE_ENV", "NRM_FOLLOW_UP_REFRESH=2s", (a, b) -> a + " " + b);
        federation = new LocalFederation(List.of("AT", "BG", "RO"), Path.of("target/federation-it"), settings);
        federation.up(true);
        status = federation.status();
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
    void shouldReportWhatTheScenarioDidPerRevisionAndDirectionOnBothSides() throws Exception {
        // Revision 1: three referrals AT → BG, two accepted and one declined; one BG → AT, accepted.
        List<String> accepted = List.of(referred(at, bg), referred(at, bg));
        String declined = referred(at, bg);
        for (String c : accepted) {
            bg.api().post("/api/v1/referrals/{id}/accept", c).then().statusCode(202);
        }
        bg.api().body(Map.of("reason", "no shelter place for this profile")).post("/api/v1/referrals/{id}/decline", declined)
                .then().statusCode(202);
        String fromBg = referred(bg, at);
        at.api().post("/api/v1/referrals/{id}/accept", fromBg).then().statusCode(202);
        awaitStatus(at, accepted.get(0), "ACCEPTED");
        awaitStatus(at, accepted.get(1), "ACCEPTED");
        awaitStatus(at, declined, "DECLINED");
        awaitStatus(bg, fromBg, "ACCEPTED");

        // Revision 2, five seconds to answer: one referral answered late, one never.
        Instant starts = Instant.now().plus(LEAD_TIME).truncatedTo(ChronoUnit.SECONDS);
        operator.publishRevision("AT-BG", EnumSet.allOf(MessageType.class), starts, SHORT_AGREED);
        while (Instant.now().isBefore(starts.plusSeconds(6))) {
            Thread.sleep(500);
        }
        String late = referred(at, bg);
        String never = referred(at, bg);
        Thread.sleep(PAST_AGREED.toMillis());
        bg.api().post("/api/v1/referrals/{id}/accept", late).then().statusCode(202);
        awaitStatus(at, late, "ACCEPTED");

        JsonPath atReport = report(at);
        JsonPath bgReport = report(bg);
        assertEquals(true, atReport.getBoolean("gatewayReached"));
        assertEquals(List.of(1, 2), atReport.getList("revisions.revision"));
        assertEquals(List.of("SUPERSEDED", "IN_FORCE"), atReport.getList("revisions.status"));
        assertEquals(List.of("PT72H", "PT5S"), atReport.getList("revisions.responseTime"));
        assertEquals(List.of("AT", "BG"), atReport.getList("revisions[0].focalPoints.country"));

        // referrals, accepted, declined, unanswered, withdrawn, failed, answered late, unanswered past the agreed time
        Map<String, List<Long>> expected = Map.of(
                "1 AT BG", List.of(3L, 2L, 1L, 0L, 0L, 0L, 0L, 0L),
                "1 BG AT", List.of(1L, 1L, 0L, 0L, 0L, 0L, 0L, 0L),
                "2 AT BG", List.of(2L, 1L, 0L, 1L, 0L, 0L, 1L, 1L));
        assertEquals(expected, figures(atReport));
        assertEquals(expected, figures(bgReport), "BG counted the same from its side");
        assertEquals(Map.of("1 AT BG", "OUTBOUND", "1 BG AT", "INBOUND", "2 AT BG", "OUTBOUND"), directions(atReport));
        assertEquals(Map.of("1 AT BG", "INBOUND", "1 BG AT", "OUTBOUND", "2 AT BG", "INBOUND"), directions(bgReport));

        // The two reports meet referral by referral: the same conversations, with the same outcomes.
        Map<String, String> outcomes = Map.of(accepted.get(0), "ACCEPTED", accepted.get(1), "ACCEPTED",
                declined, "DECLINED", fromBg, "ACCEPTED", late, "ACCEPTED", never, "UNANSWERED");
        assertEquals(new TreeMap<>(outcomes), outcomes(atReport));
        assertEquals(new TreeMap<>(outcomes), outcomes(bgReport));
        for (JsonPath report : List.of(atReport, bgReport)) {
            String item = "referrals.find { it.conversationId == '" + late + "' }";
            assertEquals(true, report.getBoolean(item + ".answeredLate"));
            assertTrue(report.getLong(item + ".answerSeconds") >= SHORT_AGREED.toSeconds());
            assertEquals(true, report.getBoolean("referrals.find { it.conversationId == '" + never + "' }.unansweredPastAgreed"));
            checkPercentiles(report);
        }

        // AT's gateway carried the same referrals, and lost nothing.
        assertEquals(3, transport(atReport, "1 AT BG", "messages", "REFERRAL"));
        assertEquals(1, transport(atReport, "1 BG AT", "messages", "REFERRAL"));
        assertEquals(2, transport(atReport, "2 AT BG", "messages", "REFERRAL"));
        assertEquals(1, transport(atReport, "2 BG AT", "messages", "REFERRAL_RESPONSE"), "the late answer");
        for (Map<String, Object> leg : atReport.<Map<String, Object>>getList("legs")) {
            assertEquals(0, ((Number) ((Map<?, ?>) leg.get("transport")).get("deadLetterCount")).intValue(), leg.toString());
        }

        // The live figures: AT's gauges say the same.
        String metrics = status.getString("countries.AT.nodeManagementUrl") + "/q/metrics";
        await(DELIVERY).untilAsserted(() -> {
            String text = RestAssured.get(metrics).asString();
            for (String line : List.of(
                    "nrm_agreement_referrals{agreement=\"AT-BG\",from=\"AT\",outcome=\"accepted\",revision=\"1\",to=\"BG\"} 2.0",
                    "nrm_agreement_referrals{agreement=\"AT-BG\",from=\"AT\",outcome=\"declined\",revision=\"1\",to=\"BG\"} 1.0",
                    "nrm_agreement_referrals{agreement=\"AT-BG\",from=\"AT\",outcome=\"unanswered\",revision=\"2\",to=\"BG\"} 1.0",
                    "nrm_agreement_breaches{agreement=\"AT-BG\",from=\"AT\",kind=\"late\",revision=\"2\",to=\"BG\"} 1.0",
                    "nrm_agreement_breaches{agreement=\"AT-BG\",from=\"AT\",kind=\"overdue\",revision=\"2\",to=\"BG\"} 1.0")) {
                assertTrue(text.contains(line), "gauge " + line);
            }
        });
    }

    @Test
    void shouldServeCsvAPrintablePageAndTheReportSignedByTheNodeToTheCoordinatorAndTheAuditorOnly() {
        String url = "/api/v1/agreements/AT-BG/follow-up?" + period();
        String csv = at.api().accept("*/*").get(url + "&format=csv").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        assertTrue(csv.startsWith("agreement,reported_by,period_from,period_to,as_of,revision,"), csv);
        at.api().accept("*/*").get(url + "&format=html").then().statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .body(containsString("Follow-up of agreement AT-BG")).body(not(containsString("<script")));

        String jws = at.api().accept("*/*").get(url + "&format=jws").then().statusCode(200)
                .contentType(startsWith(MediaTypes.FOLLOW_UP_JWS)).extract().asString();
        // Verified with AT's key as the operator's signed directory publishes it.
        Pki pki = operator.pki();
        DirectoryStore directory = new DirectoryStore(pki.directory(), Jwks.load(pki.operatorPublicKey()));
        FollowUpReport report = FollowUpReport.verify(jws, new EnvelopeVerifier(directory::current, Clock.systemUTC()));
        assertEquals("AT", report.country());
        assertEquals("AT-BG", report.agreement());

        RestAssured.given().baseUri(federation.nodeUrl("AT"))
                .auth().oauth2(RealmLogin.user(federation.realmUrl("AT"), "auditor").token())
                .get(url).then().statusCode(200).contentType("application/json").body("agreement", equalTo("AT-BG"));
        RestAssured.given().baseUri(federation.nodeUrl("AT"))
                .auth().oauth2(RealmLogin.user(federation.realmUrl("AT"), "caseworker").token())
                .get(url).then().statusCode(403).contentType(MediaTypes.PROBLEM_JSON)
                .body("type", equalTo("urn:trm:problem:forbidden"));
    }

    /** {@code from} refers a new case to {@code to}; answers its conversation once {@code to} has it. */
    private static String referred(Coordinator from, Coordinator to) {
        String conversation = from.referNewCase(to.country).getString("conversationId");
        await(DELIVERY).untilAsserted(() -> assertNotNull(to.conversation(conversation), to.country + " has it"));
        return conversation;
    }

    private static void awaitStatus(Coordinator c, String conversation, String status) {
        await(DELIVERY).untilAsserted(() -> assertEquals(status, c.conversation(conversation).getString("status")));
    }

    /** From yesterday to tomorrow: the scenario's day, whatever the time of day in UTC. */
    private static String period() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return "from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
    }

    private static JsonPath report(Coordinator c) {
        return c.api().get("/api/v1/agreements/AT-BG/follow-up?" + period()).then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
    }

    /** Each leg with referrals, as "revision from to", and its node's figures. */
    private static Map<String, List<Long>> figures(JsonPath report) {
        Map<String, List<Long>> legs = new TreeMap<>();
        for (Map<String, Object> leg : report.<Map<String, Object>>getList("legs")) {
            if (((Number) leg.get("referrals")).longValue() > 0) {
                List<Long> figures = new ArrayList<>();
                for (String f : List.of("referrals", "accepted", "declined", "unanswered", "withdrawn", "failed",
                        "answeredLate", "unansweredPastAgreed")) {
                    figures.add(((Number) leg.get(f)).longValue());
                }
                legs.put(key(leg), figures);
            }
        }
        return legs;
    }

    private static Map<String, String> directions(JsonPath report) {
        Map<String, String> directions = new TreeMap<>();
        for (Map<String, Object> leg : report.<Map<String, Object>>getList("legs")) {
            if (((Number) leg.get("referrals")).longValue() > 0) {
                directions.put(key(leg), (String) leg.get("direction"));
            }
        }
        return directions;
    }

    private static String key(Map<String, Object> leg) {
        return leg.get("revision") + " " + leg.get("from") + " " + leg.get("to");
    }

    private static Map<String, String> outcomes(JsonPath report) {
        Map<String, String> outcomes = new TreeMap<>();
        for (Map<String, Object> r : report.<Map<String, Object>>getList("referrals")) {
            outcomes.put((String) r.get("conversationId"), (String) r.get("outcome"));
        }
        return outcomes;
    }

    /** The median and 90th percentile of each leg, from its referrals' own times by nearest rank. */
    private static void checkPercentiles(JsonPath report) {
        for (Map<String, Object> leg : report.<Map<String, Object>>getList("legs")) {
            List<Long> times = new ArrayList<>();
            for (Map<String, Object> r : report.<Map<String, Object>>getList("referrals")) {
                if (key(r).equals(key(leg)) && r.get("answerSeconds") != null) {
                    times.add(((Number) r.get("answerSeconds")).longValue());
                }
            }
            times.sort(null);
            Long median = times.isEmpty() ? null : times.get((times.size() + 1) / 2 - 1);
            Long p90 = times.isEmpty() ? null : times.get((int) Math.ceil(times.size() * 0.9) - 1);
            assertEquals(median, number(leg.get("medianAnswerSeconds")), "median of " + key(leg) + " " + times);
            assertEquals(p90, number(leg.get("p90AnswerSeconds")), "p90 of " + key(leg) + " " + times);
        }
    }

    private static Long number(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    /** A transport figure of the leg "revision from to", e.g. {@code messages} of {@code REFERRAL}; 0 when not counted. */
    private static long transport(JsonPath report, String leg, String field, String type) {
        for (Map<String, Object> l : report.<Map<String, Object>>getList("legs")) {
            if (key(l).equals(leg)) {
                Object value = ((Map<?, ?>) ((Map<?, ?>) l.get("transport")).get(field)).get(type);
                return value == null ? 0 : ((Number) value).longValue();
            }
        }
        return 0;
    }
}
