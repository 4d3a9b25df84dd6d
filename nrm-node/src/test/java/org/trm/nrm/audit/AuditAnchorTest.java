package org.trm.nrm.audit;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.trm.nrm.support.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trm.nrm.referral.FederationProfile;
import org.trm.nrm.support.Api;
import org.trm.nrm.support.TestTokens;

/**
 * A federated node whose gateway does not answer (FederationProfile's URL leads nowhere): its
 * chain is still checked, but the answer says it is not anchored, never a silent "valid".
 * Checkpoints that reach a gateway, and a cut tail, are deploy/system-tests' AuditAnchorIT.
 */
@QuarkusTest
@TestProfile(FederationProfile.class)
class AuditAnchorTest {

    @Test
    void shouldSayNotAnchoredWhenTheGatewayCannotBeReached() {
        String org = Api.newOrganisation("NGO");
        String id = Api.createCaseId(org);
        as(TestTokens.caseWorker(org)).body(Map.of("givenName", "Ana")).put("/api/v1/cases/" + id + "/personal-data")
                .then().statusCode(200);
        as(TestTokens.auditor()).get("/api/v1/audit/verify").then().statusCode(200)
                .contentType("application/json")
                .body("valid", equalTo(true))
                .body("firstBrokenSeq", nullValue())
                .body("anchor.state", equalTo("NOT_ANCHORED"))
                .body("anchor.reason", equalTo("the gateway could not be reached"))
                .body("anchor.checkpointSeq", nullValue());
    }
}
