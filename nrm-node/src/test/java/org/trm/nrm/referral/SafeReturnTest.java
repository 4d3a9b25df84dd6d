package org.trm.nrm.referral;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.trm.nrm.support.Api.as;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.trm.model.code.FormOfExploitation;
import org.trm.model.code.Gender;
import org.trm.model.code.IdentificationStatus;
import org.trm.model.code.MessageType;
import org.trm.model.code.Phase;
import org.trm.model.code.ReferralReason;
import org.trm.model.crypto.BodyCipher;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.evidence.EvidenceBundle;
import org.trm.model.json.Json;
import org.trm.model.payload.ReferralPayload;
import org.trm.model.payload.ReturnFollowUpPayload;
import org.trm.model.payload.ReturnPrenotificationPayload;
import org.trm.model.payload.ReturnRequestPayload;
import org.trm.nrm.returns.FollowUpService;
import org.trm.nrm.support.Api;
import org.trm.nrm.support.TestTokens;
import org.trm.testkit.pki.Pki;

/**
 * Safe return through the NRM of the country of return, over node AT's API: a pre-notification
 * without personal data before the case, only to a partner's node under an agreement; the
 * agreement's lead time (14 days in the test directory) counted from the first notice; after the
 * departure, the follow-ups the agreement sets (1, 3 and 6 months), overdue until the country of
 * return reports. Each refusal has its own problem and queues nothing.
 */
@QuarkusTest
@TestProfile(FederationProfile.class)
class SafeReturnTest {
    private static final int LEAD_DAYS = 14;

    @TestHTTPResource(tls = true)
    URL https;

    @Inject
    AgroalDataSource db;

    @Inject
    FollowUpService followUps;

    private final String coordinator = TestTokens.coordinator();
    private final PartnerNode bg = new PartnerNode("BG");

    @Test
    void shouldPrenotifyTheCountryOfReturnWithoutAnyPersonalDataBeforeTheCaseIsShared() {
        String caseId = newCase(30);
        as(coordinator).body(Map.of("givenName", "Ana", "familyName", "Pop", "dateOfBirth", "1998-05-01"))
                .put("/api/v1/cases/" + caseId + "/personal-data").then().statusCode(200);
        consent(caseId, "RETURN", null);
        String reference = as(coordinator).get("/api/v1/cases/" + caseId).then().extract().path("reference");

        String conversation = as(coordinator).body(prenotification("BG", today().plusDays(30)))
                .post(prenotifications(caseId)).then().statusCode(202)
                .body("type", equalTo("RETURN_PRENOTIFICATION")).body("state", equalTo("QUEUED"))
                .extract().path("conversationId");

        // What BG's node reads: exactly how many, when, which support, and the case's reference.
        JsonNode read = asReadByBg(conversation, 0);
        assertEquals(Set.of("v", "reference", "persons", "plannedDeparture", "supportNeeds"), fieldNames(read));
        assertEquals(reference, read.get("reference").asText());
        assertEquals(2, read.get("persons").asInt());
        assertEquals(today().plusDays(30).toString(), read.get("plannedDeparture").asText());
        assertEquals("[\"CHILD_PROTECTION\",\"RECEPTION_ON_ARRIVAL\"]", read.get("supportNeeds").toString());
        assertFalse(read.toString().contains("Ana") || read.toString().contains("Pop") || read.toString().contains("1998"));

        as(coordinator).get("/api/v1/referrals/" + conversation).then().statusCode(200)
                .body("status", equalTo("NOTIFIED")).body("openedBy", equalTo("RETURN_PRENOTIFICATION"))
                .body("direction", equalTo("OUTBOUND")).body("localCaseId", equalTo(caseId))
                .body("referral", nullValue()).body("messages[0].summary.persons", equalTo(2));
        // The pre-notification needed no consent to share the case, and gave none: the case itself still waits for it.
        as(coordinator).body(Map.of("to", "BG", "reason", "Other")).post("/api/v1/cases/" + caseId + "/referrals").then()
                .statusCode(409).body("type", equalTo("urn:trm:problem:consent-required"));
        // It announces, it is no referral: nothing of a case may follow in its conversation.
        as(coordinator).body(Map.of("type", "CASE_UPDATE", "note", "x")).post(messages(conversation)).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:trm:problem:illegal-transition"));
    }

    @Test
    void shouldRefuseAPrenotificationWithLessNoticeThanTheAgreementsLeadTime() {
        String caseId = newCase(30);
        consent(caseId, "RETURN", null);
        refusedPrenotification(caseId, prenotification("BG", today().plusDays(LEAD_DAYS - 1)), 409, "lead-time-too-short");
        as(coordinator).body(prenotification("BG", today().plusDays(LEAD_DAYS - 1))).post(prenotifications(caseId)).then()
                .body("detail", containsString("P14D")).body("detail", containsString(today().plusDays(LEAD_DAYS).toString()));
        refusedPrenotification(caseId, prenotification("BG", today().minusDays(1)), 400, "validation-failed");
        as(coordinator).body(prenotification("BG", today().plusDays(LEAD_DAYS))).post(prenotifications(caseId)).then()
                .statusCode(202);
    }

    @Test
    void shouldPrenotifyOnlyAPartnersNodeThatTheCaseMayContactAndOnlyAReturnTheVictimAgreedTo() {
        String caseId = newCase(30);
        // No consent to return: nothing to announce.
        refusedPrenotification(caseId, prenotification("BG", today().plusDays(30)), 409, "consent-required");
        consent(caseId, "RETURN", null);
        // Never outside the federation (an embassy, a country that takes no part) nor to a participant without agreement.
        refusedPrenotification(caseId, prenotification("FR", today().plusDays(30)), 403, "no-agreement");
        refusedPrenotification(caseId, prenotification("RO", today().plusDays(30)), 403, "no-agreement");
        refusedPrenotification(caseId, prenotification("AT", today().plusDays(30)), 400, "validation-failed");
        Map<String, Object> address = new HashMap<>(prenotification("BG", today().plusDays(30)));
        address.put("embassy", "Embassy of BG, Vienna");
        refusedPrenotification(caseId, address, 400, "unknown-field");

        // An asylum application bars the country of origin, a pre-notification as any message.
        as(coordinator).body(Map.of("status", "ASYLUM_SEEKER")).post("/api/v1/cases/" + caseId + "/protection/international-protection")
                .then().statusCode(200).body("doNotContactCountryOfOrigin", equalTo(true));
        refusedPrenotification(caseId, prenotification("BG", today().plusDays(30)), 409, "do-not-contact");
        as(TestTokens.caseWorker("org-x")).body(prenotification("BG", today().plusDays(30))).post(prenotifications(caseId))
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void shouldNotPlanADepartureWithinTheReflectionPeriodUnlessTheVictimAskedToGoEarly() {
        String caseId = newCase(30);
        consent(caseId, "RETURN", null);
        as(coordinator).post("/api/v1/cases/" + caseId + "/actions/start-first-assistance").then().statusCode(200)
                .body("reflectionPeriodEnd", equalTo(today().plusDays(30).toString()));
        refusedPrenotification(caseId, prenotification("BG", today().plusDays(20)), 409, "reflection-period-running");
        as(coordinator).body(prenotification("BG", today().plusDays(31))).post(prenotifications(caseId)).then().statusCode(202);
        as(coordinator).body(Map.of("language", "bg")).post("/api/v1/cases/" + caseId + "/protection/early-return-requests")
                .then().statusCode(201);
        as(coordinator).body(prenotification("BG", today().plusDays(20))).post(prenotifications(caseId)).then().statusCode(202);
    }

    @Test
    void shouldCountAReturnRequestsLeadTimeFromTheFirstPrenotificationOfTheReturn() throws Exception {
        String caseId = newCase(30);
        String conversation = referredAndReadyToReturn(caseId);
        Map<String, Object> soon = returnRequest(today().plusDays(7));
        as(coordinator).body(soon).post(messages(conversation)).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:trm:problem:lead-time-too-short"));
        as(coordinator).body(Map.of("type", "RETURN_REQUEST", "note", "no date yet")).post(messages(conversation)).then()
                .statusCode(400).body("type", equalTo("urn:trm:problem:validation-failed"));
        as(coordinator).get("/api/v1/referrals/" + conversation).then().body("messages", hasSize(1));

        // BG was told of this return ten days ago, in a pre-notification: fourteen days' notice by the 7th day from now.
        String notice = as(coordinator).body(prenotification("BG", today().plusDays(20))).post(prenotifications(caseId))
                .then().statusCode(202).extract().path("conversationId");
        sentDaysAgo(notice, 10);
        String returnId = as(coordinator).body(soon).post(messages(conversation)).then().statusCode(202)
                .body("type", equalTo("RETURN_REQUEST")).extract().path("messageId");
        ReturnRequestPayload sent = Json.read(asReadByBg(conversation, 1).toString(), ReturnRequestPayload.class);
        assertEquals(today().plusDays(7).toString(), sent.plannedDate());
        assertEquals(returnId, as(coordinator).get("/api/v1/referrals/" + conversation).then().extract().path("messages[1].messageId"));
    }

    @Test
    void shouldOweTheAgreedFollowUpsAfterTheDepartureShowTheOverdueOneAndClearItWhenTheCountryOfReturnReports() {
        String caseId = newCase(30);
        String conversation = referredAndReadyToReturn(caseId);
        as(coordinator).body(returnRequest(today().plusDays(30))).post(messages(conversation)).then().statusCode(202);

        LocalDate left = today().minusDays(40);
        as(coordinator).body(Map.of("departedOn", left.toString())).post(departure(conversation)).then().statusCode(201)
                .header("Location", containsString("/api/v1/cases/" + caseId + "/return-follow-ups"))
                .body("dueOn", equalTo(List.of(left.plusMonths(1).toString(), left.plusMonths(3).toString(),
                        left.plusMonths(6).toString())))
                .body("state", equalTo(List.of("OVERDUE", "DUE", "DUE")));
        as(coordinator).get("/api/v1/cases/" + caseId + "/return-follow-ups").then().statusCode(200)
                .body("state", equalTo(List.of("OVERDUE", "DUE", "DUE"))).body("partner", equalTo(List.of("BG", "BG", "BG")));
        as(coordinator).queryParam("state", "OVERDUE").queryParam("size", 100).get("/api/v1/return-follow-ups").then()
                .statusCode(200).body("items.conversationId", hasItem(conversation))
                .body("items.find { it.conversationId == '" + conversation + "' }.seq", equalTo(1));
        as(coordinator).get("/api/v1/referrals/" + conversation).then().body("returnDepartedOn", equalTo(left.toString()));

        // The case's timeline says it once, however often the check runs.
        followUps.noteOverdue();
        followUps.noteOverdue();
        as(coordinator).get("/api/v1/cases/" + caseId + "/events").then().statusCode(200)
                .body("findAll { it.type == 'RETURN_FOLLOW_UP_OVERDUE' }", hasSize(1))
                .body("type", hasItem("RETURN_DEPARTED"));

        // BG reports: the overdue follow-up is answered, the next ones still due.
        PartnerNode.deliver(https, "at/gateway", bg.envelope(MessageType.RETURN_FOLLOW_UP, UUID.fromString(conversation),
                new ReturnFollowUpPayload(PartnerNode.version(), true, today().minusDays(2).toString(),
                        List.of("reintegration grant"), "living with her mother"))).then().statusCode(200);
        as(coordinator).get("/api/v1/cases/" + caseId + "/return-follow-ups").then().statusCode(200)
                .body("state", equalTo(List.of("RECEIVED", "DUE", "DUE"))).body("[0].receivedMessageId", not(nullValue()));
        as(coordinator).queryParam("state", "OVERDUE").queryParam("size", 100).get("/api/v1/return-follow-ups").then()
                .statusCode(200).body("items.conversationId", not(hasItem(conversation)));
        as(coordinator).get("/api/v1/cases/" + caseId + "/events").then()
                .body("find { it.type == 'RETURN_FOLLOW_UP_RECEIVED' }.detail", containsString("days late"));
    }

    @Test
    void shouldRecordADepartureOnlyUnderAReturnThisCountryRequestedAndOnlyOnce() {
        String caseId = newCase(30);
        String conversation = referredAndReadyToReturn(caseId);
        Map<String, Object> left = Map.of("departedOn", today().toString());
        as(coordinator).body(left).post(departure(conversation)).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:trm:problem:return-not-requested"));
        as(coordinator).body(returnRequest(today().plusDays(30))).post(messages(conversation)).then().statusCode(202);
        as(TestTokens.caseWorker("org-x")).body(left).post(departure(conversation)).then().statusCode(403);
        as(coordinator).body(Map.of("departedOn", today().plusDays(1).toString())).post(departure(conversation)).then()
                .statusCode(400).body("type", equalTo("urn:trm:problem:validation-failed"));
        as(coordinator).body(left).post(departure(conversation)).then().statusCode(201).body("$", hasSize(3));
        as(coordinator).body(left).post(departure(conversation)).then().statusCode(409)
                .body("type", equalTo("urn:trm:problem:duplicate"));
        as(coordinator).get("/api/v1/cases/" + caseId + "/return-follow-ups").then().body("$", hasSize(3));
        // Who reads them: no personal data in a follow-up, so the auditor too; the country's list is the coordinator's.
        as(TestTokens.auditor()).get("/api/v1/cases/" + caseId + "/return-follow-ups").then().statusCode(200);
        as(TestTokens.ngo("org-x")).get("/api/v1/cases/" + caseId + "/return-follow-ups").then().statusCode(403);
        as(TestTokens.caseWorker("org-x")).get("/api/v1/return-follow-ups").then().statusCode(403);
        as(coordinator).queryParam("state", "LATE").get("/api/v1/return-follow-ups").then().statusCode(400)
                .body("type", equalTo("urn:trm:problem:invalid-value"));
    }

    @Test
    void shouldReportAFollowUpAsCountryOfReturnOnlyWhereThePartnerRequestedTheReturn() {
        // BG refers a case to AT; AT accepts: AT is now the country the person returned to, BG the sender.
        UUID conversation = UUID.randomUUID();
        deliver(conversation, MessageType.REFERRAL, new ReferralPayload(PartnerNode.version(), "BG-2026-000777",
                ReferralReason.MIGRATION_OR_CHANGE_OF_LOCATION, "returns to AT", IdentificationStatus.IDENTIFIED,
                List.of(FormOfExploitation.LABOUR), "BG", "AT", Gender.FEMALE, "25-34", false, Phase.FIRST_ASSISTANCE,
                List.of(), null, null));
        as(coordinator).post("/api/v1/referrals/" + conversation + "/accept").then().statusCode(202);
        Map<String, Object> report = Map.of("type", "RETURN_FOLLOW_UP", "reached", true,
                "contactedOn", today().minusDays(1).toString(), "note", "back at work");
        as(coordinator).body(report).post(messages(conversation.toString())).then().statusCode(409)
                .body("type", equalTo("urn:trm:problem:return-not-requested"));

        deliver(conversation, MessageType.RETURN_REQUEST, new ReturnRequestPayload(PartnerNode.version(), "LOW",
                today().toString(), today().toString(), today().plusDays(20).toString(), null));
        as(coordinator).body(Map.of("type", "RETURN_FOLLOW_UP", "note", "no reached")).post(messages(conversation.toString()))
                .then().statusCode(400).body("type", equalTo("urn:trm:problem:validation-failed"));
        as(coordinator).body(Map.of("type", "RETURN_FOLLOW_UP", "reached", false, "contactedOn", today().toString()))
                .post(messages(conversation.toString())).then().statusCode(400)
                .body("type", equalTo("urn:trm:problem:validation-failed"));
        as(coordinator).body(report).post(messages(conversation.toString())).then().statusCode(202)
                .body("type", equalTo("RETURN_FOLLOW_UP"));
        as(coordinator).get("/api/v1/referrals/" + conversation).then()
                .body("messages.find { it.type == 'RETURN_FOLLOW_UP' }.summary.reached", equalTo(true));
    }

    @Test
    void shouldTakeAPartnersPrenotificationAsANoticeWithNothingToAcceptAndRefuseOneWithAPersonInIt() {
        UUID conversation = UUID.randomUUID();
        deliver(conversation, MessageType.RETURN_PRENOTIFICATION, new ReturnPrenotificationPayload(PartnerNode.version(),
                "BG-2026-000555", 1, today().plusDays(21).toString(), List.of()));
        as(coordinator).get("/api/v1/referrals/" + conversation).then().statusCode(200)
                .body("status", equalTo("NOTIFIED")).body("direction", equalTo("INBOUND"))
                .body("openedBy", equalTo("RETURN_PRENOTIFICATION")).body("partnerCaseReference", equalTo("BG-2026-000555"))
                .body("localCaseId", nullValue()).body("messages[0].summary.plannedDeparture", equalTo(today().plusDays(21).toString()));
        as(coordinator).queryParam("direction", "INBOUND").queryParam("status", "NOTIFIED").get("/api/v1/referrals").then()
                .body("conversationId", hasItem(conversation.toString()));
        as(coordinator).post("/api/v1/referrals/" + conversation + "/accept").then().statusCode(409)
                .body("type", equalTo("urn:trm:problem:illegal-transition"));
        as(coordinator).body(Map.of("type", "INFO_REQUEST", "text", "Which airport, and at what time?"))
                .post(messages(conversation.toString())).then().statusCode(202);

        // A pre-notification has no field for a person: one that carries a name is malformed, and nothing is kept.
        UUID named = UUID.randomUUID();
        Map<String, Object> withName = new HashMap<>(Map.of("v", 1, "reference", "BG-2026-000556", "persons", 1,
                "plannedDeparture", today().plusDays(21).toString(), "supportNeeds", List.of()));
        withName.put("firstName", "Elena");
        PartnerNode.deliver(https, "at/gateway", bg.envelope(MessageType.RETURN_PRENOTIFICATION, named, withName)).then()
                .statusCode(400).contentType("application/problem+json").body("type", equalTo("urn:trm:problem:malformed"));
        as(coordinator).get("/api/v1/referrals/" + named).then().statusCode(404);
    }

    // --- the case and its return ------------------------------------------------------------------

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private String newCase(int age) {
        return Api.createCaseOf(coordinator, "BG", age);
    }

    private void consent(String caseId, String scope, String country) {
        Map<String, Object> body = new HashMap<>(Map.of("scope", scope, "givenBy", "VICTIM", "language", "bg"));
        if (country != null) {
            body.put("country", country);
        }
        as(coordinator).body(body).post("/api/v1/cases/" + caseId + "/consents").then().statusCode(201);
    }

    /** Referred to BG with the consents and the risk assessment a return needs; answers the conversation. */
    private String referredAndReadyToReturn(String caseId) {
        consent(caseId, "SHARE_WITH_COUNTRY", "BG");
        consent(caseId, "RETURN", null);
        as(coordinator).body(Map.of("kind", "RISK", "riskLevel", "LOW", "summary", "family supportive"))
                .post("/api/v1/cases/" + caseId + "/assessments").then().statusCode(201);
        return as(coordinator).body(Map.of("to", "BG", "reason", "MigrationOrChangeOfLocation"))
                .post("/api/v1/cases/" + caseId + "/referrals").then().statusCode(202).extract().path("conversationId");
    }

    private static Map<String, Object> prenotification(String to, LocalDate departure) {
        return Map.of("to", to, "persons", 2, "plannedDeparture", departure.toString(),
                "supportNeeds", List.of("RECEPTION_ON_ARRIVAL", "CHILD_PROTECTION"));
    }

    private static Map<String, Object> returnRequest(LocalDate planned) {
        return Map.of("type", "RETURN_REQUEST", "plannedDate", planned.toString(), "note", "assisted, voluntary");
    }

    private static String prenotifications(String caseId) {
        return "/api/v1/cases/" + caseId + "/return-prenotifications";
    }

    private static String messages(String conversation) {
        return "/api/v1/referrals/" + conversation + "/messages";
    }

    private static String departure(String conversation) {
        return "/api/v1/referrals/" + conversation + "/return-departure";
    }

    /** Refused with its own problem, and nothing queued: the case has no more conversations than before. */
    private void refusedPrenotification(String caseId, Map<String, Object> body, int status, String type) {
        int before = as(coordinator).get("/api/v1/cases/" + caseId + "/referrals").then().statusCode(200)
                .extract().path("size()");
        as(coordinator).body(body).post(prenotifications(caseId)).then().statusCode(status)
                .contentType("application/problem+json").body("type", equalTo("urn:trm:problem:" + type));
        as(coordinator).get("/api/v1/cases/" + caseId + "/referrals").then().statusCode(200).body("$", hasSize(before));
    }

    /** As if the conversation's messages had been written {@code days} ago. */
    private void sentDaysAgo(String conversation, int days) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE transnational_message SET created_at = created_at - make_interval(days => ?) WHERE conversation_id = ?")) {
            s.setInt(1, days);
            s.setObject(2, UUID.fromString(conversation));
            assertEquals(1, s.executeUpdate());
        }
    }

    private void deliver(UUID conversation, MessageType type, Object payload) {
        PartnerNode.deliver(https, "at/gateway", bg.envelope(type, conversation, payload)).then().statusCode(200);
    }

    /** The conversation's {@code index}-th message as BG reads it: from the evidence bundle, opened with BG's key. */
    private JsonNode asReadByBg(String conversation, int index) {
        String messageId = as(coordinator).get("/api/v1/referrals/" + conversation).then().statusCode(200)
                .extract().path("messages[" + index + "].messageId");
        EvidenceBundle bundle = Json.read(as(coordinator).get("/api/v1/referrals/" + conversation + "/evidence").then()
                .statusCode(200).extract().asString(), EvidenceBundle.class);
        String jws = bundle.item(EvidenceBundle.envelopeItem(UUID.fromString(messageId))).orElseThrow().content();
        return Json.read(BodyCipher.decrypt(EnvelopeVerifier.peek(jws).body(), List.of(Pki.TEST.encryptionKey("BG"))),
                JsonNode.class);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
