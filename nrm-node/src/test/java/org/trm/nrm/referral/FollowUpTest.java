package org.trm.nrm.referral;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trm.nrm.support.Api.as;
import static org.trm.testkit.Eventually.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.trm.model.code.FormOfExploitation;
import org.trm.model.code.Gender;
import org.trm.model.code.IdentificationStatus;
import org.trm.model.code.MessageType;
import org.trm.model.code.Phase;
import org.trm.model.code.ReferralReason;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.followup.FollowUpReport;
import org.trm.model.payload.ReferralPayload;
import org.trm.model.payload.ReferralResponsePayload;
import org.trm.nrm.support.Api;
import org.trm.nrm.support.TestTokens;

/**
 * The follow-up of agreement AT-BG (revision 1, three days to answer) at node AT, over HTTP: what
 * became of the referrals BG sent and of one AT sent, late and overdue ones included, in JSON, CSV,
 * a printable page and signed; who may read it, and the problems of a bad request. The gateway
 * cannot be reached in these tests, and the report says so. A referral "received four days ago" is
 * one whose stored time the test moves back: the node's clock is not the test's to set.
 */
@QuarkusTest
@TestProfile(FederationProfile.class)
class FollowUpTest {
    private static final String URL = "/api/v1/agreements/AT-BG/follow-up";

    @TestHTTPResource(tls = true)
    URL https;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Inject
    AgroalDataSource db;

    private final String coordinator = TestTokens.coordinator();
    private final PartnerNode bg = new PartnerNode("BG");

    /** A week up to today: wide enough for what this test moves four days back. */
    private static String period() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return "from=" + today.minusDays(7) + "&to=" + today;
    }

    private JsonPath report() {
        return as(TestTokens.auditor()).get(URL + "?" + period()).then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
    }

    private static long figure(JsonPath report, String from, String field) {
        Object value = report.get("legs.find { it.revision == 1 && it.from == '" + from + "' }." + field);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private UUID received(int daysAgo) throws Exception {
        UUID conversation = UUID.randomUUID();
        PartnerNode.deliver(https, "at/gateway", bg.envelope(MessageType.REFERRAL, conversation, referral())).then()
                .statusCode(200);
        if (daysAgo > 0) {
            try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                    "UPDATE transnational_message SET created_at = created_at - make_interval(days => ?) "
                            + "WHERE conversation_id = ? AND type = 'REFERRAL'")) {
                s.setInt(1, daysAgo);
                s.setObject(2, conversation);
                assertEquals(1, s.executeUpdate());
            }
        }
        return conversation;
    }

    private static ReferralPayload referral() {
        return new ReferralPayload(PartnerNode.version(), "BG-2026-000777", ReferralReason.ADDITIONAL_SERVICES_REQUIRED,
                "needs a shelter", IdentificationStatus.PRESUMED, List.of(FormOfExploitation.LABOUR), "AT", "BG",
                Gender.FEMALE, "25-34", false, Phase.IDENTIFICATION, List.of(), null, null);
    }

    private String sentAndDeclinedByBg() {
        Map<String, Object> body = new HashMap<>(Api.caseBody());
        body.put("citizenship", "BG");
        String caseId = as(coordinator).body(body).post("/api/v1/cases").then().statusCode(201).extract().path("id");
        as(coordinator).body(Map.of("scope", "SHARE_WITH_COUNTRY", "country", "BG", "givenBy", "VICTIM", "language", "bg"))
                .post("/api/v1/cases/" + caseId + "/consents").then().statusCode(201);
        String conversation = as(coordinator).body(Map.of("to", "BG", "reason", "Other"))
                .post("/api/v1/cases/" + caseId + "/referrals").then().statusCode(202).extract().path("conversationId");
        PartnerNode.deliver(https, "at/gateway", bg.envelope(MessageType.REFERRAL_RESPONSE, UUID.fromString(conversation),
                new ReferralResponsePayload(PartnerNode.version(), false, null, "no capacity"))).then().statusCode(200);
        return conversation;
    }

    @Test
    void shouldCountWhatBecameOfEachReferralWithTheLateAndOverdueOnesWhenAReportIsAsked() throws Exception {
        JsonPath before = report();
        UUID accepted = received(0);
        UUID late = received(4);
        UUID declined = received(0);
        UUID waiting = received(0);
        UUID overdue = received(4);
        as(coordinator).post("/api/v1/referrals/" + accepted + "/accept").then().statusCode(202);
        as(coordinator).post("/api/v1/referrals/" + late + "/accept").then().statusCode(202);
        as(coordinator).body(Map.of("reason", "not within our mandate")).post("/api/v1/referrals/" + declined + "/decline")
                .then().statusCode(202);
        String sent = sentAndDeclinedByBg();

        JsonPath after = report();
        assertEquals("AT-BG", after.getString("agreement"));
        assertEquals("AT", after.getString("country"));
        assertFalse(after.getBoolean("gatewayReached"), "the gateway of these tests leads nowhere");
        assertEquals("PT72H", after.getString("revisions.find { it.revision == 1 }.responseTime"));
        assertEquals(List.of("AT", "BG"), after.getList("revisions.find { it.revision == 1 }.focalPoints.country"));
        Map<String, Long> received = Map.of("referrals", 5L, "accepted", 2L, "declined", 1L, "unanswered", 2L,
                "answeredLate", 1L, "unansweredPastAgreed", 1L, "withdrawn", 0L, "failed", 0L);
        received.forEach((field, n) -> assertEquals(figure(before, "BG", field) + n, figure(after, "BG", field),
                "BG → AT " + field));
        assertEquals("INBOUND", after.getString("legs.find { it.revision == 1 && it.from == 'BG' }.direction"));
        assertEquals(figure(before, "AT", "declined") + 1, figure(after, "AT", "declined"), "AT → BG declined");
        assertEquals("OUTBOUND", after.getString("legs.find { it.revision == 1 && it.from == 'AT' }.direction"));

        Map<UUID, String> outcomes = Map.of(accepted, "ACCEPTED", late, "ACCEPTED", declined, "DECLINED",
                waiting, "UNANSWERED", overdue, "UNANSWERED", UUID.fromString(sent), "DECLINED");
        outcomes.forEach((id, outcome) -> assertEquals(outcome,
                after.getString("referrals.find { it.conversationId == '" + id + "' }.outcome"), id.toString()));
        assertTrue(after.getBoolean("referrals.find { it.conversationId == '" + late + "' }.answeredLate"));
        assertTrue(after.getLong("referrals.find { it.conversationId == '" + late + "' }.answerSeconds")
                >= Duration.ofDays(4).toSeconds());
        assertFalse(after.getBoolean("referrals.find { it.conversationId == '" + accepted + "' }.answeredLate"));
        assertTrue(after.getBoolean("referrals.find { it.conversationId == '" + overdue + "' }.unansweredPastAgreed"));
        assertFalse(after.getBoolean("referrals.find { it.conversationId == '" + waiting + "' }.unansweredPastAgreed"));

        // The live figures: the same, as Prometheus gauges on the management port.
        String metrics = "http://" + management.getHost() + ":" + management.getPort() + "/q/metrics";
        String late1 = "nrm_agreement_breaches{agreement=\"AT-BG\",from=\"BG\",kind=\"late\",revision=\"1\",to=\"AT\"} ";
        long expected = figure(after, "BG", "answeredLate");
        await(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(RestAssured.get(metrics).asString()
                .contains(late1 + (double) expected), "gauge " + late1 + expected));
    }

    @Test
    void shouldServeTheSameReportAsCsvAPrintablePageAndSignedByTheNode() throws Exception {
        received(0);
        JsonPath json = report();
        long referrals = figure(json, "BG", "referrals");

        String csv = as(coordinator).accept("*/*").get(URL + "?format=csv&" + period()).then().statusCode(200)
                .contentType(startsWith("text/csv")).header("Content-Disposition", containsString(".csv"))
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertTrue(lines[0].startsWith("agreement,reported_by,period_from,period_to,as_of,revision,"), lines[0]);
        List<String> header = List.of(lines[0].split(","));
        String row = java.util.Arrays.stream(lines).filter(l -> l.contains(",BG,AT,INBOUND,")).findFirst().orElseThrow();
        assertEquals(String.valueOf(referrals), row.split(",")[header.indexOf("referrals")]);
        assertEquals("", row.split(",", -1)[header.indexOf("gateway_referrals")], "no gateway figures without the gateway");

        Response page = as(coordinator).accept("*/*").get(URL + "?format=html&" + period());
        page.then().statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .body(containsString("Follow-up of agreement AT-BG"))
                .body(containsString("National referral mechanism coordinator, BG"))
                .body(containsString("could not be asked"))
                .body(not(containsString("<script")));

        String jws = as(coordinator).accept("*/*").get(URL + "?format=jws&" + period()).then().statusCode(200)
                .contentType(startsWith(MediaTypes.FOLLOW_UP_JWS)).extract().asString();
        FollowUpReport signed = FollowUpReport.verify(jws, new EnvelopeVerifier(PartnerNode.DIRECTORY::current,
                Clock.systemUTC()));
        assertEquals("AT", signed.country());
        assertEquals(referrals, signed.legs().stream().filter(l -> l.from().equals("BG") && l.revision() == 1)
                .findFirst().orElseThrow().referrals(), "the signed report says what the JSON says");
    }

    @Test
    void shouldListTheCountrysAgreementsWithEachRevisionsTermsWhenACoordinatorOrAuditorAsks() {
        for (String token : List.of(coordinator, TestTokens.auditor())) {
            as(token).get("/api/v1/agreements").then().statusCode(200).contentType("application/json")
                    .body("id", equalTo(List.of("AT-BG")))
                    .body("[0].revisions[0].revision", equalTo(1))
                    .body("[0].revisions[0].status", equalTo("IN_FORCE"))
                    .body("[0].revisions[0].parties", equalTo(List.of("AT", "BG")))
                    .body("[0].revisions[0].responseTime", equalTo("PT72H"))
                    .body("[0].revisions[0].returnLeadTime", equalTo("P14D"));
        }
        as(TestTokens.caseWorker("org-x")).get("/api/v1/agreements").then().statusCode(403)
                .contentType(MediaTypes.PROBLEM_JSON).body("type", equalTo("urn:trm:problem:forbidden"));
        RestAssured.given().get("/api/v1/agreements").then().statusCode(401).contentType(MediaTypes.PROBLEM_JSON);
    }

    @Test
    void shouldRefuseCallersWithoutTheRoleAndBadPeriodsWithAProblem() {
        as(TestTokens.caseWorker("org-x")).get(URL).then().statusCode(403).contentType(MediaTypes.PROBLEM_JSON)
                .body("type", equalTo("urn:trm:problem:forbidden"));
        RestAssured.given().get(URL).then().statusCode(401).contentType(MediaTypes.PROBLEM_JSON);
        as(coordinator).get("/api/v1/agreements/AT-XX/follow-up").then().statusCode(404)
                .contentType(MediaTypes.PROBLEM_JSON).body("type", equalTo("urn:trm:problem:not-found"));
        for (String query : List.of("from=last-year", "from=2026-02-01&to=2026-01-01", "format=xml")) {
            as(coordinator).get(URL + "?" + query).then().statusCode(400).contentType(MediaTypes.PROBLEM_JSON)
                    .body("type", equalTo("urn:trm:problem:invalid-value"))
                    .body("detail", not(containsString("last-year")));
        }
    }
}
