package org.trm.systemtest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trm.testkit.Eventually.await;

import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.trm.testkit.process.LocalFederation;

/**
 * Identity data across two real nodes (AT and BG, each with its gateway and database): without an
 * identity-data consent none reaches BG's database; under one it does, and withdrawing that consent
 * makes BG restrict it (kept, no longer shown) and say so on its case. Safe return across them: a
 * pre-notification that BG's database holds without any personal data, the agreement's lead time
 * refused at AT, and a follow-up from BG that clears what AT shows overdue.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtectionIT {
    private static final Duration DELIVERY = Duration.ofSeconds(90);

    private LocalFederation federation;
    private Coordinator at;
    private Coordinator bg;

    @BeforeAll
    void startFederation() {
        federation = new LocalFederation(List.of("AT", "BG"));
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
    void shouldKeepIdentityDataOutOfThePartnersDatabaseWithoutIdentityConsentAndRestrictItOnWithdrawal() throws Exception {
        // A referral under the consent to share the case only: BG's database holds no identity field.
        String plainCase = caseWithPerson("Ana", "Popescu", "1997-03-04");
        at.consent(plainCase, "SHARE_WITH_COUNTRY", "BG");
        at.api().body(referral(true)).post("/api/v1/cases/{id}/referrals", plainCase).then().statusCode(409)
                .body("type", equalTo("urn:trm:problem:identity-consent-required"));
        String plain = refer(plainCase, false);
        assertNull(bg.conversation(plain).get("referral.person"));
        String bgDatabase = "it_nrm_bg";
        String everything = allRows(bgDatabase);
        assertFalse(everything.contains("Popescu") || everything.contains("1997-03-04"),
                "no identity data of the case in BG's database");
        assertFalse(column(bgDatabase, "SELECT received_referral FROM conversation").contains("\"person\""));

        // Under an identity-data consent for BG the name goes; BG's coordinator sees it.
        String namedCase = caseWithPerson("Elena", "Vasileva", "1996-07-08");
        at.consent(namedCase, "SHARE_WITH_COUNTRY", "BG");
        String identityConsent = at.consent(namedCase, "SHARE_IDENTITY_WITH_COUNTRY", "BG");
        String named = refer(namedCase, true);
        assertEquals("Vasileva", bg.conversation(named).getString("referral.person.lastName"));
        bg.api().post("/api/v1/referrals/{id}/accept", named).then().statusCode(202);
        String linkedCase = bg.conversation(named).getString("localCaseId");

        // The victim withdraws it at AT: BG is told, keeps the data for the record, shows it no more.
        at.api().post("/api/v1/cases/{case}/consents/{consent}/withdraw", namedCase, identityConsent).then().statusCode(200);
        await(DELIVERY).untilAsserted(() -> {
            JsonPath seen = bg.conversation(named);
            assertEquals("SHARE_IDENTITY_WITH_COUNTRY", seen.getString("restrictedScope"));
            assertNull(seen.get("referral.person"));
            assertEquals("ACCEPTED", seen.getString("status"), "the case itself goes on");
        });
        assertTrue(column(bgDatabase, "SELECT received_referral FROM conversation").contains("Vasileva"),
                "restricted, not erased");
        List<String> events = bg.api().get("/api/v1/cases/{id}/events", linkedCase).then().statusCode(200)
                .extract().jsonPath().getList("type");
        assertTrue(events.contains("PARTNER_CONSENT_WITHDRAWN"), "BG's case says so: " + events);
    }

    @Test
    void shouldPrenotifyAReturnWithoutPersonalDataRefuseTooShortANoticeAndClearTheOverdueFollowUpWhenBgReports()
            throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String caseId = caseWithPerson("Mira", "Todorova", "1995-11-12");
        at.consent(caseId, "RETURN", null);
        // Less notice than the agreement's 14 days: refused at AT, nothing leaves.
        at.api().body(prenotification(today.plusDays(7))).post("/api/v1/cases/{id}/return-prenotifications", caseId).then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:trm:problem:lead-time-too-short"));
        String notice = at.api().body(prenotification(today.plusDays(30))).post("/api/v1/cases/{id}/return-prenotifications", caseId)
                .then().statusCode(202).extract().path("conversationId");
        await(DELIVERY).untilAsserted(() -> assertNotNull(bg.conversation(notice), "BG holds the pre-notification"));
        JsonPath held = bg.conversation(notice);
        assertEquals("NOTIFIED", held.getString("status"));
        assertEquals(1, held.getInt("messages[0].summary.persons"));
        assertEquals(today.plusDays(30).toString(), held.getString("messages[0].summary.plannedDeparture"));
        String bgDatabase = "it_nrm_bg";
        assertTrue(column(bgDatabase, "SELECT summary FROM transnational_message WHERE conversation_id = '" + notice + "'")
                .contains("\"supportNeeds\":[\"ACCOMMODATION\",\"RECEPTION_ON_ARRIVAL\"]"), "BG's database holds the notice");
        String everything = allRows(bgDatabase);
        assertFalse(everything.contains("Todorova") || everything.contains("Mira") || everything.contains("1995-11-12"),
                "nothing about the person in BG's database");

        // The case itself goes later, under the consent to share it; the return is requested of BG's node.
        at.consent(caseId, "SHARE_WITH_COUNTRY", "BG");
        at.api().body(Map.of("kind", "RISK", "riskLevel", "LOW", "summary", "family supportive"))
                .post("/api/v1/cases/{id}/assessments", caseId).then().statusCode(201);
        String conversation = refer(caseId, false);
        bg.api().post("/api/v1/referrals/{id}/accept", conversation).then().statusCode(202);
        String returnId = at.send(conversation, Map.of("type", "RETURN_REQUEST", "plannedDate", today.plusDays(30).toString(),
                "note", "assisted, voluntary return"));
        await(DELIVERY).untilAsserted(() -> assertTrue(bg.conversation(conversation).getList("messages.messageId")
                .contains(returnId), "BG holds the return request"));

        // The departure, recorded after the fact 40 days back: the first follow-up, a month after it, is overdue at AT.
        at.api().body(Map.of("departedOn", today.minusDays(40).toString()))
                .post("/api/v1/referrals/{id}/return-departure", conversation).then().statusCode(201)
                .body("state", equalTo(List.of("OVERDUE", "DUE", "DUE")));
        assertTrue(overdueAtAt().contains(conversation));

        // BG reports on her: AT takes it as the overdue follow-up, which is overdue no more.
        bg.send(conversation, Map.of("type", "RETURN_FOLLOW_UP", "reached", true, "contactedOn", today.minusDays(1).toString(),
                "note", "living with her family, in vocational training"));
        await(DELIVERY).untilAsserted(() -> assertFalse(overdueAtAt().contains(conversation), "the follow-up cleared it"));
        at.api().get("/api/v1/cases/{id}/return-follow-ups", caseId).then().statusCode(200)
                .body("state", equalTo(List.of("RECEIVED", "DUE", "DUE")));
    }

    private static Map<String, Object> prenotification(LocalDate departure) {
        return Map.of("to", "BG", "persons", 1, "plannedDeparture", departure.toString(),
                "supportNeeds", List.of("RECEPTION_ON_ARRIVAL", "ACCOMMODATION"));
    }

    private List<String> overdueAtAt() {
        return at.api().queryParam("state", "OVERDUE").queryParam("size", 100).get("/api/v1/return-follow-ups").then()
                .statusCode(200).extract().jsonPath().getList("items.conversationId");
    }

    private String caseWithPerson(String given, String family, String birthDate) {
        String caseId = at.createCase("BG");
        at.api().body(Map.of("givenName", given, "familyName", family, "dateOfBirth", birthDate))
                .put("/api/v1/cases/{id}/personal-data", caseId).then().statusCode(200);
        return caseId;
    }

    /** Refers the case to BG and waits until BG holds the referral. */
    private String refer(String caseId, boolean identity) {
        String conversation = at.api().body(referral(identity)).post("/api/v1/cases/{id}/referrals", caseId)
                .then().statusCode(202).extract().path("conversationId");
        await(DELIVERY).untilAsserted(() -> assertNotNull(bg.conversation(conversation), "BG holds the referral"));
        return conversation;
    }

    private static Map<String, Object> referral(boolean identity) {
        return Map.of("to", "BG", "reason", "AdditionalServicesRequired", "details", "needs shelter at home",
                "includePersonalData", identity);
    }

    /** Every row of every table of the database as text. */
    private static String allRows(String database) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            List<String> tables = new java.util.ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_type = 'BASE TABLE' AND table_schema = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT t::text FROM \"" + table + "\" t")) {
                    while (rs.next()) {
                        out.append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    private static String column(String database, String query) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                out.append(rs.getString(1)).append('\n');
            }
        }
        return out.toString();
    }

    private static Connection connect(String database) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "trm", "trm");
    }
}
