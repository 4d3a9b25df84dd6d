package org.trm.nrm.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.trm.model.problem.ProblemCode;
import org.trm.model.problem.ProblemRegistry;
import org.trm.model.problem.ProblemType;

/** The node's OpenAPI document tells the whole truth about refusals: every operation's problem answers, from the registry. */
@QuarkusTest
class OpenApiProblemsTest {
    private static final String PROBLEM_JSON = "application/problem+json";

    private JsonPath document() {
        return given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
    }

    /** The problem types documented for one status of one operation. */
    private static List<String> types(JsonPath api, String path, String method, int status) {
        Map<String, Map<String, Object>> examples = api.getMap("paths.'" + path + "'." + method + ".responses.'" + status
                + "'.content.'" + PROBLEM_JSON + "'.examples");
        assertTrue(examples != null && !examples.isEmpty(), method + " " + path + " documents no " + status + " problem");
        return examples.values().stream().map(e -> (String) ((Map<?, ?>) e.get("value")).get("type")).toList();
    }

    @Test
    void shouldDocumentProblemAnswersFromTheRegistryWhenAnyOperationIsDescribed() {
        JsonPath api = document();
        Set<String> registry = ProblemRegistry.of(ProblemType.class, ErrorCode.class).stream()
                .map(c -> c.type().toString()).collect(Collectors.toSet());
        Map<String, Map<String, Map<String, Object>>> paths = api.getMap("paths");
        Set<String> ids = new HashSet<>();
        int operations = 0;
        for (var path : paths.entrySet()) {
            for (var operation : path.getValue().entrySet()) {
                operations++;
                String where = operation.getKey() + " " + path.getKey();
                String id = (String) operation.getValue().get("operationId");
                assertTrue(ids.add(id), "operation id " + id + " twice");
                assertFalse(id.contains("."), "operation id with its package: " + id);
                assertEquals(List.of(ErrorCode.INTERNAL_ERROR.type().toString()),
                        types(api, path.getKey(), operation.getKey(), 500), where);
                Map<String, Map<String, Object>> responses = api.getMap("paths.'" + path.getKey() + "'."
                        + operation.getKey() + ".responses");
                for (var response : responses.entrySet()) {
                    int status = Integer.parseInt(response.getKey());
                    if (status >= 400) {
                        for (String type : types(api, path.getKey(), operation.getKey(), status)) {
                            assertTrue(registry.contains(type), where + " documents " + type + ", not in the registry");
                        }
                    }
                }
            }
        }
        assertTrue(operations >= 40, "only " + operations + " operations");
    }

    @Test
    void shouldDocumentTheDomainRefusalsWhenAnOperationDeclaresThem() {
        JsonPath api = document();
        String startReturn = "/api/v1/cases/{id}/actions/start-return";
        assertTrue(types(api, startReturn, "post", 409).containsAll(List.of(type(ErrorCode.ILLEGAL_TRANSITION),
                type(ErrorCode.CONSENT_REQUIRED), type(ErrorCode.RISK_ASSESSMENT_REQUIRED))));
        assertEquals(List.of(type(ErrorCode.VERSION_MISMATCH)), types(api, startReturn, "post", 412));
        assertEquals(List.of(type(ErrorCode.IF_MATCH_REQUIRED)), types(api, startReturn, "post", 428));
        assertEquals(List.of(type(ErrorCode.NOT_FOUND)), types(api, startReturn, "post", 404));
        assertEquals(List.of(type(ErrorCode.UNAUTHENTICATED)), types(api, startReturn, "post", 401));

        assertTrue(types(api, "/api/v1/cases/{caseId}/referrals", "post", 409).containsAll(List.of(
                type(ErrorCode.CONSENT_REQUIRED), type(ErrorCode.DO_NOT_CONTACT))));
        assertEquals(List.of(type(ProblemType.NO_AGREEMENT), type(ProblemType.AGREEMENT_EXPIRED),
                type(ProblemType.AGREEMENT_NOT_YET_VALID), type(ProblemType.TYPE_NOT_COVERED)), types(api, "/api/v1/cases/{caseId}/referrals", "post", 403)
                .stream().filter(t -> !t.equals(type(ErrorCode.FORBIDDEN))).toList());
    }

    @Test
    void shouldDocumentWhatABodyMayBeRefusedForWhenAnOperationTakesOne() {
        JsonPath api = document();
        assertTrue(types(api, "/api/v1/cases", "post", 400).containsAll(List.of(type(ErrorCode.MALFORMED_JSON),
                type(ErrorCode.INVALID_VALUE), type(ErrorCode.UNKNOWN_FIELD), type(ErrorCode.VALIDATION_FAILED))));
        assertEquals(List.of(type(ProblemType.TOO_LARGE)), types(api, "/api/v1/cases", "post", 413));
        assertEquals(List.of(type(ProblemType.UNSUPPORTED_MEDIA_TYPE)), types(api, "/api/v1/cases", "post", 415));
        assertEquals(List.of(type(ErrorCode.UNKNOWN_ORGANISATION)), types(api, "/api/v1/cases", "post", 422));
        // The inbox is the gateway's, over mTLS: no token to be missing, and an envelope, not JSON, to be malformed.
        List<String> inbox403 = types(api, "/federation/v1/inbox", "post", 403);
        assertTrue(inbox403.contains(type(ProblemType.SENDER_MISMATCH)), inbox403.toString());
        assertFalse(inbox403.contains(type(ErrorCode.FORBIDDEN)), inbox403.toString());
        assertTrue(types(api, "/federation/v1/inbox", "post", 400).contains(type(ProblemType.BAD_SIGNATURE)));
        assertNull(api.get("paths.'/federation/v1/inbox'.post.responses.'401'"));
        assertEquals("mutualTLS", api.getString("components.securitySchemes.gatewayCertificate.type"));
        assertFalse(types(api, "/federation/v1/inbox", "post", 400).contains(type(ErrorCode.MALFORMED_JSON)));
        given().get("/q/openapi?format=json").then().body("components.schemas.Problem.required",
                hasItems("type", "title", "status"));
    }

    private static String type(ProblemCode code) {
        return code.type().toString();
    }
}
