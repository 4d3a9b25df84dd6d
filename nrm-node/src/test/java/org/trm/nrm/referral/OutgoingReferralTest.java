package org.trm.nrm.referral;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.trm.nrm.support.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trm.nrm.support.Api;
import org.trm.nrm.support.TestTokens;

/** Referrals from node AT: consent and agreements are checked before anything is queued. */
@QuarkusTest
@TestProfile(FederationProfile.class)
class OutgoingReferralTest {
    private final String coordinator = TestTokens.coordinator();

    private String newCase(boolean doNotContact) {
        Map<String, Object> body = new HashMap<>(Api.caseBody());
        body.put("citizenship", "BG");
        body.put("countryOfOrigin", "BG");
        body.put("doNotContactCountryOfOrigin", doNotContact);
        return as(coordinator).body(body).post("/api/v1/cases").then().statusCode(201).extract().path("id");
    }

    private String consent(String caseId, String scope, String country) {
        Map<String, Object> body = new HashMap<>(Map.of("scope", scope, "givenBy", "VICTIM", "language", "bg",
                "interpreter", "Interpreter 1"));
        if (country != null) {
            body.put("country", country);
        }
        return as(coordinator).body(body).post("/api/v1/cases/" + caseId + "/consents").then().statusCode(201)
                .extract().path("id");
    }

    private static Map<String, Object> referral(String to) {
        return Map.of("to", to, "reason", "AdditionalServicesRequired", "details", "needs shelter at home");
    }

    private void refer(String caseId, String to, int status, String type) {
        as(coordinator).body(referral(to)).post("/api/v1/cases/" + caseId + "/referrals").then().statusCode(status)
                .contentType("application/problem+json").body("type", equalTo("urn:trm:problem:" + type));
        as(coordinator).get("/api/v1/cases/" + caseId + "/referrals").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void shouldQueueNothingWithoutConsent() {
        refer(newCase(false), "BG", 409, "consent-required");
    }

    @Test
    void shouldRefuseCountryOfOriginUnderDoNotContact() {
        String caseId = newCase(true);
        consent(caseId, "SHARE_WITH_COUNTRY", "BG");
        refer(caseId, "BG", 409, "do-not-contact");
    }

    @Test
    void shouldRefuseCountryWithoutAgreement() {
        String caseId = newCase(false);
        consent(caseId, "SHARE_WITH_COUNTRY", "RO");
        refer(caseId, "RO", 403, "no-agreement");
    }

    @Test
    void shouldAllowOnlyCoordinatorsToRefer() {
        String caseId = newCase(false);
        as(TestTokens.caseWorker("org-x")).body(referral("BG")).post("/api/v1/cases/" + caseId + "/referrals")
                .then().statusCode(403).contentType("application/problem+json");
        as(TestTokens.auditor()).body(referral("BG")).post("/api/v1/cases/" + caseId + "/referrals")
                .then().statusCode(403);
    }

    @Test
    void shouldQueueReferralThenGateReturnThenWithdraw() {
        String caseId = newCase(false);
        String share = consent(caseId, "SHARE_WITH_COUNTRY", "BG");

        String conversation = as(coordinator).body(referral("BG")).post("/api/v1/cases/" + caseId + "/referrals")
                .then().statusCode(202).body("type", equalTo("REFERRAL")).body("state", equalTo("QUEUED"))
                .extract().path("conversationId");
        as(coordinator).get("/api/v1/cases/" + caseId + "/referrals").then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].conversationId", equalTo(conversation))
                .body("[0].direction", equalTo("OUTBOUND"))
                .body("[0].status", equalTo("PENDING"))
                .body("[0].messages[0].type", equalTo("REFERRAL"))
                .body("[0].messages[0].summary.citizenship", equalTo("BG"))
                .body("[0].messages[0].summary.person", nullValue());

        Map<String, Object> returnRequest = Map.of("type", "RETURN_REQUEST", "plannedDate",
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30).toString());
        String messages = "/api/v1/referrals/" + conversation + "/messages";
        as(coordinator).body(returnRequest).post(messages).then().statusCode(409)
                .body("type", equalTo("urn:trm:problem:consent-required"));
        consent(caseId, "RETURN", null);
        as(coordinator).body(returnRequest).post(messages).then().statusCode(409)
                .body("type", equalTo("urn:trm:problem:risk-assessment-required"));
        as(coordinator).body(Map.of("kind", "RISK", "riskLevel", "LOW", "summary", "family supportive"))
                .post("/api/v1/cases/" + caseId + "/assessments").then().statusCode(201);
        as(coordinator).body(returnRequest).post(messages).then().statusCode(202).body("type", equalTo("RETURN_REQUEST"));

        as(coordinator).post("/api/v1/cases/" + caseId + "/consents/" + share + "/withdraw").then().statusCode(200);
        as(coordinator).get("/api/v1/referrals/" + conversation).then().statusCode(200)
                .body("status", equalTo("WITHDRAWN"))
                .body("consentWithdrawn", equalTo(true))
                .body("messages", hasSize(3))
                .body("messages[2].type", equalTo("CONSENT_WITHDRAWN"));
        as(coordinator).body(Map.of("type", "CASE_UPDATE", "note", "x")).post(messages).then().statusCode(409)
                .body("type", equalTo("urn:trm:problem:illegal-transition"));
    }
}
