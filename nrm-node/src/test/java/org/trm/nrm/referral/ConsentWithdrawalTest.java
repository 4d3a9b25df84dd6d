package org.trm.nrm.referral;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trm.nrm.support.Api.as;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.trm.model.code.ConsentScope;
import org.trm.model.code.FormOfExploitation;
import org.trm.model.code.Gender;
import org.trm.model.code.IdentificationStatus;
import org.trm.model.code.MessageType;
import org.trm.model.code.Phase;
import org.trm.model.code.ReferralReason;
import org.trm.model.payload.CaseUpdatePayload;
import org.trm.model.payload.ConsentWithdrawnPayload;
import org.trm.model.payload.ReferralPayload;
import org.trm.nrm.support.Api;
import org.trm.nrm.support.TestTokens;

/**
 * Withdrawing a consent, both sides of node AT: as the sender, it tells exactly the partners that
 * received data under that consent; as the receiver, it keeps what it received under a withdrawn
 * consent for the record, no longer shows it, and says so on the linked case.
 */
@QuarkusTest
@TestProfile(FederationProfile.class)
class ConsentWithdrawalTest {
    @TestHTTPResource(tls = true)
    URL https;

    @Inject
    AgroalDataSource db;

    private final String coordinator = TestTokens.coordinator();
    private final PartnerNode bg = new PartnerNode("BG");

    @Test
    void shouldTellOnlyThePartnerThatReceivedIdentityDataWhenTheIdentityConsentIsWithdrawn() {
        Map<String, Object> body = new HashMap<>(Api.caseBody());
        body.put("citizenship", "BG");
        String caseId = as(coordinator).body(body).post("/api/v1/cases").then().statusCode(201).extract().path("id");
        as(coordinator).body(Map.of("givenName", "Ana", "familyName", "Pop")).put("/api/v1/cases/" + caseId + "/personal-data")
                .then().statusCode(200);
        consent(caseId, "SHARE_WITH_COUNTRY");
        String identity = consent(caseId, "SHARE_IDENTITY_WITH_COUNTRY");
        String plain = refer(caseId, false);
        String named = refer(caseId, true);

        as(coordinator).post("/api/v1/cases/" + caseId + "/consents/" + identity + "/withdraw").then().statusCode(200);
        as(coordinator).get("/api/v1/referrals/" + named).then().statusCode(200)
                .body("status", equalTo("PENDING"))
                .body("messages", hasSize(2))
                .body("messages[1].type", equalTo("CONSENT_WITHDRAWN"))
                .body("messages[1].summary.scope", equalTo("SHARE_IDENTITY_WITH_COUNTRY"))
                .body("messages[1].summary.instruction", equalTo("RESTRICT"));
        as(coordinator).get("/api/v1/referrals/" + plain).then().statusCode(200)
                .body("status", equalTo("PENDING")).body("messages", hasSize(1));
        // Identity data goes no more; the case's data still may.
        as(coordinator).body(Map.of("to", "BG", "reason", "Other", "includePersonalData", true))
                .post("/api/v1/cases/" + caseId + "/referrals").then().statusCode(409)
                .body("type", equalTo("urn:trm:problem:identity-consent-required"));
        as(coordinator).body(Map.of("type", "CASE_UPDATE", "note", "still assisted")).post("/api/v1/referrals/" + named + "/messages")
                .then().statusCode(202);
    }

    @Test
    void shouldRestrictWhatItReceivedUnderAWithdrawnConsentKeepItAndSaySoOnTheCase() throws Exception {
        UUID conversation = UUID.randomUUID();
        deliver(conversation, MessageType.REFERRAL, referral(new ReferralPayload.SharedPerson("Elena", "Petrova", "1998-02-03")));
        as(coordinator).get("/api/v1/referrals/" + conversation).then().body("referral.person.lastName", equalTo("Petrova"));
        as(coordinator).post("/api/v1/referrals/" + conversation + "/accept").then().statusCode(202);
        String linkedCase = localCase(conversation);

        // BG: the victim withdrew her identity-data consent. AT keeps the data, shows it no more.
        deliver(conversation, MessageType.CONSENT_WITHDRAWN, new ConsentWithdrawnPayload(PartnerNode.version(),
                Instant.now().toString(), "RESTRICT", ConsentScope.SHARE_IDENTITY_WITH_COUNTRY));
        as(coordinator).get("/api/v1/referrals/" + conversation).then().statusCode(200)
                .body("status", equalTo("ACCEPTED"))
                .body("restrictedScope", equalTo("SHARE_IDENTITY_WITH_COUNTRY"))
                .body("referral.person", nullValue())
                .body("referral.senderCaseReference", equalTo("BG-2026-000099"));
        assertTrue(storedReferral(conversation).contains("Petrova"), "restricted, not erased: kept for the record");
        as(coordinator).get("/api/v1/cases/" + linkedCase + "/events").then().statusCode(200)
                .body("type", hasItem("PARTNER_CONSENT_WITHDRAWN"));

        // An update is still taken; then the case consent goes too: nothing received is shown any more.
        deliver(conversation, MessageType.CASE_UPDATE, new CaseUpdatePayload(PartnerNode.version(), null, List.of(),
                null, "family found"));
        deliver(conversation, MessageType.CONSENT_WITHDRAWN, new ConsentWithdrawnPayload(PartnerNode.version(),
                Instant.now().toString(), "RESTRICT", ConsentScope.SHARE_WITH_COUNTRY));
        as(coordinator).get("/api/v1/referrals/" + conversation).then().statusCode(200)
                .body("status", equalTo("WITHDRAWN"))
                .body("consentWithdrawn", equalTo(true))
                .body("restrictedScope", equalTo("SHARE_WITH_COUNTRY"))
                .body("referral", nullValue())
                .body("messages.find { it.type == 'CASE_UPDATE' && it.direction == 'INBOUND' }.summary", nullValue());
        assertTrue(storedReferral(conversation).contains("Petrova"));
    }

    private String consent(String caseId, String scope) {
        return as(coordinator).body(Map.of("scope", scope, "country", "BG", "givenBy", "VICTIM", "language", "bg"))
                .post("/api/v1/cases/" + caseId + "/consents").then().statusCode(201).extract().path("id");
    }

    private String refer(String caseId, boolean identity) {
        return as(coordinator).body(Map.of("to", "BG", "reason", "Other", "includePersonalData", identity))
                .post("/api/v1/cases/" + caseId + "/referrals").then().statusCode(202).extract().path("conversationId");
    }

    private void deliver(UUID conversation, MessageType type, Object payload) {
        PartnerNode.deliver(https, "at/gateway", bg.envelope(type, conversation, payload)).then().statusCode(200);
    }

    private String localCase(UUID conversation) {
        return as(coordinator).get("/api/v1/referrals/" + conversation).then().extract().path("localCaseId");
    }

    private String storedReferral(UUID conversation) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT received_referral FROM conversation WHERE id = ?")) {
            s.setObject(1, conversation);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    private static ReferralPayload referral(ReferralPayload.SharedPerson person) {
        return new ReferralPayload(PartnerNode.version(), "BG-2026-000099", ReferralReason.MIGRATION_OR_CHANGE_OF_LOCATION,
                "moved to AT", IdentificationStatus.IDENTIFIED, List.of(FormOfExploitation.LABOUR), "BG", "AT",
                Gender.FEMALE, "25-34", false, Phase.FIRST_ASSISTANCE, List.of(), person, null);
    }
}
