package org.trm.nrm.referral;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
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

    private io.restassured.response.ValidatableResponse checks(String caseId, String query) {
        return as(coordinator).get("/api/v1/cases/" + caseId + "/referrals/checks?" + query).then();
    }

    @Test
    void shouldExplainEachRuleBeforeSendingAndQueueNothingWhenChecked() {
        String caseId = newCase(false);
        // No consent yet: the consent rule fails as the referral would, the agreement with BG holds.
        checks(caseId, "to=BG").statusCode(200).contentType("application/json")
                .body("to", equalTo("BG")).body("sendable", equalTo(false))
                .body("checks.rule", contains("partner", "contact", "consent", "agreement"))
                .body("checks.passed", contains(true, true, false, true))
                .body("checks[2].type", equalTo("urn:trm:problem:consent-required"))
                .body("checks[2].detail", equalTo("no valid consent to share the case with BG"))
                .body("agreement.id", notNullValue()).body("agreement.revision", equalTo(1))
                .body("agreement.responseTime", notNullValue());
        consent(caseId, "SHARE_WITH_COUNTRY", "BG");
        checks(caseId, "to=BG").statusCode(200).body("sendable", equalTo(true))
                .body("checks.passed", contains(true, true, true, true));
        // Identity data asked for: the case holds none, which is what the referral would be refused for.
        checks(caseId, "to=BG&includePersonalData=true").statusCode(200).body("sendable", equalTo(false))
                .body("checks.rule", contains("partner", "contact", "consent", "identity-consent", "agreement"))
                .body("checks[3].type", equalTo("urn:trm:problem:personal-data-not-allowed"));
        // RO takes part in the federation, but no agreement links it with AT.
        consent(caseId, "SHARE_WITH_COUNTRY", "RO");
        checks(caseId, "to=RO").statusCode(200).body("sendable", equalTo(false))
                .body("checks.passed", contains(true, true, true, false))
                .body("checks[3].type", equalTo("urn:trm:problem:no-agreement")).body("agreement", nullValue());
        checks(caseId, "to=AT").statusCode(200).body("checks[0].passed", equalTo(false))
                .body("checks[0].type", equalTo("urn:trm:problem:validation-failed"));
        // FR is no participant of this federation: nothing can be encrypted to it.
        checks(caseId, "to=FR").statusCode(200).body("checks[0].passed", equalTo(false))
                .body("checks[0].type", equalTo("urn:trm:problem:no-agreement"));
        as(coordinator).get("/api/v1/cases/" + caseId + "/referrals").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void shouldNameTheBarredCountryOfOriginWhenChecked() {
        String caseId = newCase(true);
        consent(caseId, "SHARE_WITH_COUNTRY", "BG");
        checks(caseId, "to=BG").statusCode(200).body("sendable", equalTo(false))
                .body("checks[1].rule", equalTo("contact")).body("checks[1].passed", equalTo(false))
                .body("checks[1].type", equalTo("urn:trm:problem:do-not-contact"))
                .body("checks[1].title", notNullValue());
    }

    @Test
    void shouldLetOnlyCoordinatorsCheckAndRefuseABadCountryWhenChecking() {
        String caseId = newCase(false);
        checks(caseId, "to=bg").statusCode(400).contentType("application/problem+json");
        checks(caseId, "to=XX").statusCode(400).contentType("application/problem+json");
        checks(caseId, "includePersonalData=true").statusCode(400).contentType("application/problem+json");
        as(TestTokens.caseWorker("org-x")).get("/api/v1/cases/" + caseId + "/referrals/checks?to=BG").then()
                .statusCode(403).contentType("application/problem+json");
        as(TestTokens.auditor()).get("/api/v1/cases/" + caseId + "/referrals/checks?to=BG").then().statusCode(403);
        as(coordinator).get("/api/v1/cases/" + java.util.UUID.randomUUID() + "/referrals/checks?to=BG").then()
                .statusCode(404).contentType("application/problem+json");
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
