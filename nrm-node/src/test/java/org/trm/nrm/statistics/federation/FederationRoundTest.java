package org.trm.nrm.statistics.federation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.trm.nrm.support.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.trm.nrm.referral.FederationProfile;
import org.trm.nrm.support.Api;
import org.trm.nrm.support.TestTokens;

/**
 * Starting a federation statistics round at node AT of the test federation, whose directory has
 * the agreement AT-BG only: a round over AT, BG and RO is refused before anything is sent, naming
 * the participant no agreement links with the requester; a round without BG and RO has too few participants.
 */
@QuarkusTest
@TestProfile(FederationProfile.class)
class FederationRoundTest {
    private static final String ROUNDS = "/api/v1/statistics/federation-rounds";

    @Test
    void shouldRefuseARoundWhenTheAgreementsDoNotLinkTheRequesterWithEveryParticipant() {
        as(TestTokens.coordinator()).body(Map.of()).post(ROUNDS).then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:trm:problem:no-agreement"))
                .body("detail", containsString("AT to send RO STATS_REQUEST"))
                .body("detail", containsString("exclude RO"));
    }

    @Test
    void shouldRefuseARoundOfFewerThanThreeParticipants() {
        as(TestTokens.auditor()).body(Map.of("exclude", List.of("BG", "RO"))).post(ROUNDS).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:trm:problem:too-few-participants"));
    }

    @Test
    void shouldRefuseToExcludeTheRequesterOrAnUnknownCountry() {
        as(TestTokens.coordinator()).body(Map.of("exclude", List.of("AT"))).post(ROUNDS).then().statusCode(400)
                .contentType("application/problem+json");
        as(TestTokens.coordinator()).body(Map.of("exclude", List.of("ZZ"))).post(ROUNDS).then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void shouldAnswerNotFoundForARoundThisNodeDidNotRequest() {
        as(TestTokens.auditor()).get(ROUNDS + "/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        as(TestTokens.auditor()).get(ROUNDS).then().statusCode(200);
    }

    @Test
    void shouldLetOnlyCoordinatorsAndAuditorsAskForTheFederationsFigures() {
        String org = Api.newOrganisation("NGO");
        as(TestTokens.caseWorker(org)).body(Map.of()).post(ROUNDS).then().statusCode(403);
        as(TestTokens.ngo(org)).get(ROUNDS).then().statusCode(403);
        as(TestTokens.admin()).body(Map.of()).post(ROUNDS).then().statusCode(403);
        given().contentType("application/json").body("{}").post(ROUNDS).then().statusCode(401);
    }
}
