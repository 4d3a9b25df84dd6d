package org.trm.nrm.sharing;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.trm.nrm.support.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.trm.model.crypto.BodyCipher;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.evidence.EvidenceBundle;
import org.trm.model.json.Json;
import org.trm.model.payload.ReferralPayload;
import org.trm.nrm.referral.FederationProfile;
import org.trm.nrm.support.Api;
import org.trm.nrm.support.TestTokens;
import org.trm.testkit.pki.Pki;

/**
 * The sharing policy of node AT, over its API: identity data only under its own consent, a child's
 * case only with the guardian's consent, a child's return only with a best-interests determination
 * that supports it, no return during the reflection period unless the victim asked. Each refusal has
 * its own problem and queues nothing; what is queued is read as partner BG would read it, decrypted
 * with BG's key from the conversation's evidence bundle.
 */
@QuarkusTest
@TestProfile(FederationProfile.class)
class SharingPolicyTest {
    private final String coordinator = TestTokens.coordinator();

    @Test
    void shouldSendIdentityDataOnlyUnderAnIdentityConsentForThatCountryAndOnlyTheCategoriesItNames() {
        String caseId = newCase(30);
        personalData(caseId);
        consent(caseId, Map.of("scope", "SHARE_WITH_COUNTRY", "country", "BG"));
        // A consent to share identity data with another country does not count for BG.
        consent(caseId, Map.of("scope", "SHARE_IDENTITY_WITH_COUNTRY", "country", "RO"));
        refused(caseId, referral(true), "identity-consent-required");

        // Without asking for identity data, the referral goes, and BG reads no identity field in it.
        String plain = as(coordinator).body(referral(false)).post(referrals(caseId)).then().statusCode(202)
                .extract().path("conversationId");
        ReferralPayload withoutIdentity = asReadByBg(plain);
        assertNull(withoutIdentity.person());
        assertNull(withoutIdentity.consentOverride());

        consent(caseId, Map.of("scope", "SHARE_IDENTITY_WITH_COUNTRY", "country", "BG", "dataCategories", List.of("NAME"),
                "purpose", "so that BG's NRM can find her family"));
        String named = as(coordinator).body(referral(true)).post(referrals(caseId)).then().statusCode(202)
                .extract().path("conversationId");
        ReferralPayload withIdentity = asReadByBg(named);
        assertEquals("Ana", withIdentity.person().firstName());
        assertEquals("Pop", withIdentity.person().lastName());
        assertNull(withIdentity.person().birthDate(), "the consent names the name only, not the date of birth");
        // The thread shows no identity data either way.
        as(coordinator).get("/api/v1/referrals/" + named).then().statusCode(200)
                .body("messages[0].summary.person", equalTo(null));
    }

    @Test
    void shouldSendIdentityDataWithoutConsentOnlyUnderTheAuditedLifeAtRiskOverride() {
        String caseId = newCase(30);
        personalData(caseId);
        consent(caseId, Map.of("scope", "SHARE_WITH_COUNTRY", "country", "BG"));
        Map<String, Object> body = new HashMap<>(referral(true));
        body.put("consentOverrideReason", "threatened by the exploiters, police of BG must find her now");
        String conversation = as(coordinator).body(body).post(referrals(caseId)).then().statusCode(202)
                .extract().path("conversationId");
        ReferralPayload sent = asReadByBg(conversation);
        assertEquals("1998-05-01", sent.person().birthDate());
        assertNotNull(sent.consentOverride(), "the partner is told the data went without consent");
        as(coordinator).get("/api/v1/cases/" + caseId + "/events").then().statusCode(200)
                .body("type", hasItem("TRANSNATIONAL_CONSENT_OVERRIDE"));
    }

    @Test
    void shouldRefuseAnExpiredOrWithdrawnConsentAndAConsentFacetWithoutItsCountry() {
        String caseId = newCase(30);
        as(coordinator).body(Map.of("scope", "SHARE_IDENTITY_WITH_COUNTRY", "givenBy", "VICTIM"))
                .post("/api/v1/cases/" + caseId + "/consents").then().statusCode(400)
                .body("type", equalTo("urn:trm:problem:validation-failed"));
        consent(caseId, Map.of("scope", "SHARE_WITH_COUNTRY", "country", "BG", "givenAt", "2026-01-01T10:00:00Z",
                "validUntil", "2026-02-01"));
        as(coordinator).get("/api/v1/cases/" + caseId + "/consents").then().statusCode(200)
                .body("[0].valid", equalTo(false)).body("[0].validUntil", equalTo("2026-02-01"));
        refused(caseId, referral(false), "consent-required");
    }

    @Test
    void shouldShareAChildsCaseOnlyWithTheGuardiansConsentAndTreatADisputedAgeAsAChilds() {
        String caseId = newCase(19);
        consent(caseId, Map.of("scope", "SHARE_WITH_COUNTRY", "country", "BG"));
        as(coordinator).post("/api/v1/cases/" + caseId + "/protection/age-dispute").then().statusCode(200)
                .body("child", equalTo(true)).body("ageDisputed", equalTo(true));
        // The victim's own consent no longer counts: until the age is decided, a guardian consents.
        refused(caseId, referral(false), "guardian-consent-required");

        as(coordinator).body(Map.of("method", "medical examination", "outcome", "CHILD", "assessedAge", 16,
                "authority", "Youth welfare office Vienna", "assessedOn", today().toString()))
                .post("/api/v1/cases/" + caseId + "/protection/age-assessments").then().statusCode(201);
        as(coordinator).body(Map.of("guardian", "Maria Huber", "authority", "District court Vienna",
                "appointedOn", today().toString()))
                .post("/api/v1/cases/" + caseId + "/protection/guardian-appointments").then().statusCode(201);
        refused(caseId, referral(false), "guardian-consent-required");
        as(coordinator).get("/api/v1/cases/" + caseId).then().statusCode(200).body("child", equalTo(true))
                .body("ageDisputed", equalTo(false)).body("ageAtIdentification", equalTo(16));

        guardianConsent(caseId, Map.of("scope", "SHARE_WITH_COUNTRY", "country", "BG"));
        String conversation = as(coordinator).body(referral(false)).post(referrals(caseId)).then().statusCode(202)
                .extract().path("conversationId");
        assertEquals(true, asReadByBg(conversation).child());
    }

    @Test
    void shouldRefuseAChildsReturnUntilABestInterestsDeterminationSupportsIt() {
        String caseId = newCase(15);
        guardianConsent(caseId, Map.of("scope", "SHARE_WITH_COUNTRY", "country", "BG"));
        String conversation = as(coordinator).body(referral(false)).post(referrals(caseId)).then().statusCode(202)
                .extract().path("conversationId");
        guardianConsent(caseId, Map.of("scope", "RETURN"));
        risk(caseId);
        String messages = "/api/v1/referrals/" + conversation + "/messages";
        Map<String, Object> returnRequest = Map.of("type", "RETURN_REQUEST", "plannedDate", today().plusDays(60).toString());
        as(coordinator).body(returnRequest).post(messages).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:trm:problem:best-interests-determination-required"));
        bestInterests(caseId, false);
        as(coordinator).body(returnRequest).post(messages).then().statusCode(409)
                .body("type", equalTo("urn:trm:problem:best-interests-determination-required"));
        as(coordinator).get("/api/v1/referrals/" + conversation).then().body("messages", hasSize(1));

        bestInterests(caseId, true);
        as(coordinator).body(returnRequest).post(messages).then().statusCode(202).body("type", equalTo("RETURN_REQUEST"));
        as(coordinator).get("/api/v1/cases/" + caseId + "/protection").then().statusCode(200)
                .body("bestInterestsDeterminations", hasSize(2))
                .body("guardians", hasSize(0))
                .body("bestInterestsDeterminations[1].supportsReturn", equalTo(true));
    }

    @Test
    void shouldRefuseAReturnDuringTheReflectionPeriodUnlessTheVictimAskedAndTellThePartnerItsEnd() {
        String caseId = newCase(30);
        as(coordinator).post("/api/v1/cases/" + caseId + "/actions/start-first-assistance").then().statusCode(200);
        String end = today().plusDays(30).toString();
        consent(caseId, Map.of("scope", "SHARE_WITH_COUNTRY", "country", "BG"));
        String conversation = as(coordinator).body(referral(false)).post(referrals(caseId)).then().statusCode(202)
                .extract().path("conversationId");
        assertEquals(end, asReadByBg(conversation).reflectionPeriodEnd());
        as(coordinator).get("/api/v1/referrals/" + conversation).then()
                .body("messages[0].summary.reflectionPeriodEnd", equalTo(end));

        consent(caseId, Map.of("scope", "RETURN"));
        risk(caseId);
        String messages = "/api/v1/referrals/" + conversation + "/messages";
        // Within the period, and past the agreement's 14 days' notice: only the period stands in the way.
        Map<String, Object> returnRequest = Map.of("type", "RETURN_REQUEST", "plannedDate", today().plusDays(20).toString());
        as(coordinator).body(returnRequest).post(messages).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:trm:problem:reflection-period-running"));
        as(coordinator).post("/api/v1/cases/" + caseId + "/actions/start-return").then().statusCode(409)
                .body("type", equalTo("urn:trm:problem:reflection-period-running"));
        as(coordinator).get("/api/v1/referrals/" + conversation).then().body("messages", hasSize(1));

        as(coordinator).body(Map.of("language", "ro", "interpreter", "Interpreter 2"))
                .post("/api/v1/cases/" + caseId + "/protection/early-return-requests").then().statusCode(201)
                .body("requestedOn", equalTo(today().toString()));
        as(coordinator).body(returnRequest).post(messages).then().statusCode(202).body("type", equalTo("RETURN_REQUEST"));
        as(coordinator).get("/api/v1/cases/" + caseId + "/events").then()
                .body("type", hasItem("EARLY_RETURN_REQUESTED"));
    }

    @Test
    void shouldStopSharingWithTheCountryOfOriginOnceAnAsylumApplicationIsRegisteredAndReferToTheAsylumAuthority() {
        String caseId = newCase(30);
        consent(caseId, Map.of("scope", "SHARE_WITH_COUNTRY", "country", "BG"));
        consent(caseId, Map.of("scope", "SERVICE_REFERRAL"));
        as(coordinator).body(Map.of("status", "ASYLUM_SEEKER"))
                .post("/api/v1/cases/" + caseId + "/protection/international-protection").then().statusCode(200)
                .body("internationalProtectionStatus", equalTo("ASYLUM_SEEKER"))
                .body("asylumAppliedOn", equalTo(today().toString()))
                .body("doNotContactCountryOfOrigin", equalTo(true));
        refused(caseId, referral(false), "do-not-contact");
        // An update cannot lift it while the person seeks protection.
        int version = as(coordinator).get("/api/v1/cases/" + caseId).then().extract().path("version");
        Map<String, Object> update = new HashMap<>(Api.caseBody());
        update.put("citizenship", "BG");
        update.put("countryOfOrigin", "BG");
        update.put("doNotContactCountryOfOrigin", false);
        as(coordinator).header("If-Match", "\"" + version + "\"").body(update).put("/api/v1/cases/" + caseId).then()
                .statusCode(409).body("type", equalTo("urn:trm:problem:illegal-transition"));
        update.remove("doNotContactCountryOfOrigin");
        as(coordinator).header("If-Match", "\"" + version + "\"").body(update).put("/api/v1/cases/" + caseId).then()
                .statusCode(200).body("doNotContactCountryOfOrigin", equalTo(true));
        refused(caseId, referral(false), "do-not-contact");
        as(coordinator).get("/api/v1/cases/" + caseId + "/events").then()
                .body("type", hasItem("INTERNATIONAL_PROTECTION_RECORDED")).body("type", hasItem("DO_NOT_CONTACT_SET"));

        // The asylum authority is a service provider like the others.
        String authority = Api.newOrganisation("ImmigrationService");
        as(coordinator).body(Map.of("serviceType", "ASYLUM_AUTHORITY", "providerOrganisationId", authority))
                .post("/api/v1/cases/" + caseId + "/services").then().statusCode(201)
                .body("serviceType", equalTo("ASYLUM_AUTHORITY"));
        as(TestTokens.ngo(authority)).get("/api/v1/cases/" + caseId).then().statusCode(200);
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private String newCase(int age) {
        return Api.createCaseOf(coordinator, "BG", age);
    }

    private void personalData(String caseId) {
        as(coordinator).body(Map.of("givenName", "Ana", "familyName", "Pop", "dateOfBirth", "1998-05-01"))
                .put("/api/v1/cases/" + caseId + "/personal-data").then().statusCode(200);
    }

    private void consent(String caseId, Map<String, Object> facet) {
        Map<String, Object> body = new HashMap<>(facet);
        body.put("givenBy", "VICTIM");
        body.put("language", "bg");
        body.put("interpreter", "Interpreter 1");
        as(coordinator).body(body).post("/api/v1/cases/" + caseId + "/consents").then().statusCode(201);
    }

    private void guardianConsent(String caseId, Map<String, Object> facet) {
        Map<String, Object> body = new HashMap<>(facet);
        body.put("givenBy", "GUARDIAN");
        body.put("guardian", "Maria Huber");
        body.put("language", "de");
        as(coordinator).body(body).post("/api/v1/cases/" + caseId + "/consents").then().statusCode(201);
    }

    private void risk(String caseId) {
        as(coordinator).body(Map.of("kind", "RISK", "riskLevel", "LOW", "summary", "family supportive"))
                .post("/api/v1/cases/" + caseId + "/assessments").then().statusCode(201);
    }

    private void bestInterests(String caseId, boolean supportsReturn) {
        as(coordinator).body(Map.of("supportsReturn", supportsReturn, "authority", "Youth welfare office Vienna",
                "summary", "family traced and assessed", "determinedOn", today().toString()))
                .post("/api/v1/cases/" + caseId + "/protection/best-interests-determinations").then().statusCode(201);
    }

    private static Map<String, Object> referral(boolean identity) {
        return Map.of("to", "BG", "reason", "AdditionalServicesRequired", "details", "needs shelter at home",
                "includePersonalData", identity);
    }

    private static String referrals(String caseId) {
        return "/api/v1/cases/" + caseId + "/referrals";
    }

    /** Refused with its own problem, and nothing queued. */
    private void refused(String caseId, Map<String, Object> body, String type) {
        int before = as(coordinator).get(referrals(caseId)).then().statusCode(200).extract().path("size()");
        as(coordinator).body(body).post(referrals(caseId)).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:trm:problem:" + type));
        as(coordinator).get(referrals(caseId)).then().statusCode(200).body("$", hasSize(before));
    }

    /** The conversation's REFERRAL as BG reads it: the envelope from the evidence bundle, opened with BG's key. */
    private ReferralPayload asReadByBg(String conversation) {
        String messageId = as(coordinator).get("/api/v1/referrals/" + conversation).then().statusCode(200)
                .extract().path("messages[0].messageId");
        EvidenceBundle bundle = Json.read(as(coordinator).get("/api/v1/referrals/" + conversation + "/evidence").then()
                .statusCode(200).extract().asString(), EvidenceBundle.class);
        String jws = bundle.item(EvidenceBundle.envelopeItem(UUID.fromString(messageId))).orElseThrow().content();
        return BodyCipher.decrypt(EnvelopeVerifier.peek(jws).body(), List.of(Pki.TEST.encryptionKey("BG")),
                ReferralPayload.class);
    }
}
