package org.trm.nrm.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.trm.model.json.Json;
import org.trm.model.problem.ProblemType;

/** Whether the outbox tries a refused envelope again: as the registry says, as the gateway's relay does. */
class GatewayAnswerTest {

    private static GatewayClient.Answer refusal(ProblemType type) {
        return new GatewayClient.Answer(type.status(),
                Json.write(type.toProblem("detail", "/local/v1/envelopes", "gateway.AT")));
    }

    @Test
    void shouldGiveUpWhenGatewayNamesAFinalProblem() {
        assertFalse(refusal(ProblemType.NO_AGREEMENT).retryable());
        assertFalse(refusal(ProblemType.DUPLICATE_CONFLICT).retryable());
        assertEquals("urn:trm:problem:no-agreement", refusal(ProblemType.NO_AGREEMENT).problemType());
    }

    @Test
    void shouldTryAgainWhenGatewayNamesARetryableProblem() {
        assertTrue(refusal(ProblemType.UNREACHABLE).retryable());
    }

    @Test
    void shouldFollowTheStatusRuleWhenTheProblemIsNotTheProtocols() {
        String gatewayOwn = "{\"type\":\"urn:trm:problem:gateway:too-early\",\"title\":\"t\",\"status\":425}";
        assertTrue(new GatewayClient.Answer(425, gatewayOwn).retryable());
        assertTrue(new GatewayClient.Answer(429, "").retryable());
        assertTrue(new GatewayClient.Answer(503, "not json").retryable());
        assertFalse(new GatewayClient.Answer(400, "not json").retryable());
        assertEquals("status 400", new GatewayClient.Answer(400, "not json").problemType());
    }
}
