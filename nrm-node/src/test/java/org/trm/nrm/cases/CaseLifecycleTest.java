package org.trm.nrm.cases;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.trm.nrm.support.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.trm.nrm.support.Api;
import org.trm.nrm.support.TestTokens;

@QuarkusTest
class CaseLifecycleTest {
    static final Map<String, String> ACTIONS = Map.of(
            "FIRST_ASSISTANCE", "start-first-assistance",
            "LONG_TERM_ASSISTANCE", "start-long-term-assistance",
            "RETURN", "start-return",
            "CLOSED", "close");

    String org;
    String token;

    @BeforeEach
    void organisation() {
        org = Api.newOrganisation("LawEnforcement");
        token = TestTokens.caseWorker(org);
    }

    @Test
    void shouldWalkTheWholeLifecycleWhenEveryPreconditionIsMet() {
        String id = Api.createCaseId(org);
        as(token).body(Map.of("reflectionPeriodStart", "2026-03-01", "reflectionPeriodEnd", "2026-04-30"))
                .post(action(id, "start-first-assistance")).then().statusCode(200)
                .header("ETag", "\"1\"").body("phase", equalTo("FIRST_ASSISTANCE"))
                .body("reflectionPeriodStart", equalTo("2026-03-01")).body("reflectionPeriodEnd", equalTo("2026-04-30"));
        as(token).header("If-Match", "\"1\"").post(action(id, "start-long-term-assistance")).then().statusCode(200)
                .body("phase", equalTo("LONG_TERM_ASSISTANCE"));
        readyForReturn(id);
        as(token).post(action(id, "start-return")).then().statusCode(200).body("phase", equalTo("RETURN"));
        as(token).body(Map.of("reason", "returned home safely")).post(action(id, "close")).then().statusCode(200)
                .body("phase", equalTo("CLOSED")).body("status", equalTo("Closed"))
                .body("closureReason", equalTo("returned home safely"));
        as(token).get("/api/v1/cases/" + id + "/events").then().statusCode(200)
                .body("findAll { it.type == 'PHASE_CHANGED' }.detail", equalTo(List.of(
                        "IDENTIFICATION -> FIRST_ASSISTANCE", "FIRST_ASSISTANCE -> LONG_TERM_ASSISTANCE",
                        "LONG_TERM_ASSISTANCE -> RETURN", "RETURN -> CLOSED")));
    }

    @Test
    void shouldDefaultReflectionPeriodWhenNoneIsGiven() {
        String id = Api.createCaseId(org);
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        as(token).post(action(id, "start-first-assistance")).then().statusCode(200)
                .body("reflectionPeriodStart", equalTo(today.toString()))
                .body("reflectionPeriodEnd", equalTo(today.plusDays(30).toString()));
    }

    @Test
    void shouldRefuseReturnWhenConsentEarlyReturnRequestOrRiskAssessmentIsMissing() {
        String id = Api.createCaseId(org);
        as(token).post(action(id, "start-first-assistance")).then().statusCode(200);
        as(token).post(action(id, "start-return")).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:trm:problem:consent-required"));
        String consent = as(token).body(Map.of("scope", "RETURN", "givenBy", "VICTIM", "language", "ro"))
                .post("/api/v1/cases/" + id + "/consents").then().statusCode(201).extract().path("id");
        // The reflection period started today: only the victim's own wish to go lets the return start.
        as(token).post(action(id, "start-return")).then().statusCode(409)
                .body("type", equalTo("urn:trm:problem:reflection-period-running"));
        as(token).body(Map.of("language", "ro")).post("/api/v1/cases/" + id + "/protection/early-return-requests")
                .then().statusCode(201);
        as(token).post(action(id, "start-return")).then().statusCode(409)
                .body("type", equalTo("urn:trm:problem:risk-assessment-required"));
        as(token).body(Map.of("kind", "RISK", "riskLevel", "LOW")).post("/api/v1/cases/" + id + "/assessments")
                .then().statusCode(201);
        as(token).post("/api/v1/cases/" + id + "/consents/" + consent + "/withdraw").then().statusCode(200)
                .body("valid", equalTo(false));
        as(token).post(action(id, "start-return")).then().statusCode(409)
                .body("type", equalTo("urn:trm:problem:consent-required"));
        as(token).get("/api/v1/cases/" + id).then().body("phase", equalTo("FIRST_ASSISTANCE"));
    }

    @Test
    void shouldRefuseReflectionPeriodWhenEndIsBeforeStart() {
        String id = Api.createCaseId(org);
        as(token).body(Map.of("reflectionPeriodStart", "2026-03-01", "reflectionPeriodEnd", "2026-02-01"))
                .post(action(id, "start-first-assistance")).then().statusCode(400)
                .body("type", equalTo("urn:trm:problem:validation-failed"));
        as(token).get("/api/v1/cases/" + id).then().body("phase", equalTo("IDENTIFICATION"));
    }

    @Test
    void shouldRefuseActionWhenIfMatchIsStale() {
        String id = Api.createCaseId(org);
        as(token).header("If-Match", "\"7\"").post(action(id, "start-first-assistance")).then().statusCode(412)
                .body("type", equalTo("urn:trm:problem:version-mismatch"));
    }

    /** Every (phase, action) pair that the lifecycle does not allow. */
    static Stream<Arguments> illegalTransitions() {
        Map<String, List<String>> illegal = Map.of(
                "IDENTIFICATION", List.of("LONG_TERM_ASSISTANCE", "RETURN"),
                "FIRST_ASSISTANCE", List.of("FIRST_ASSISTANCE"),
                "LONG_TERM_ASSISTANCE", List.of("FIRST_ASSISTANCE", "LONG_TERM_ASSISTANCE"),
                "RETURN", List.of("FIRST_ASSISTANCE", "LONG_TERM_ASSISTANCE", "RETURN"),
                "CLOSED", List.of("FIRST_ASSISTANCE", "LONG_TERM_ASSISTANCE", "RETURN", "CLOSED"));
        return illegal.entrySet().stream().flatMap(e -> e.getValue().stream().map(t -> Arguments.of(e.getKey(), t)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("illegalTransitions")
    void shouldRefuseTransitionWhenLifecycleDoesNotAllowIt(String from, String to) {
        String id = caseIn(from);
        int version = as(token).get("/api/v1/cases/" + id).then().extract().path("version");
        var request = as(token);
        if (to.equals("CLOSED")) {
            request = request.body(Map.of("reason", "again"));
        }
        request.post(action(id, ACTIONS.get(to))).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:trm:problem:illegal-transition"))
                .body("detail", containsString("a case in " + from + " cannot move to " + to));
        as(token).get("/api/v1/cases/" + id).then().body("phase", equalTo(from)).body("version", equalTo(version));
    }

    @Test
    void shouldCloseFromEveryOpenPhaseWhenAsked() {
        for (String phase : List.of("IDENTIFICATION", "FIRST_ASSISTANCE", "LONG_TERM_ASSISTANCE", "RETURN")) {
            String id = caseIn(phase);
            as(token).body(Map.of("reason", "not confirmed")).post(action(id, "close")).then().statusCode(200)
                    .body("phase", equalTo("CLOSED"));
        }
    }

    @Test
    void shouldGoFromFirstAssistanceToReturnWhenVictimWantsToGoHome() {
        String id = caseIn("FIRST_ASSISTANCE");
        readyForReturn(id);
        as(token).post(action(id, "start-return")).then().statusCode(200).body("phase", equalTo("RETURN"));
    }

    private String caseIn(String phase) {
        String id = Api.createCaseId(org);
        List<String> path = switch (phase) {
            case "IDENTIFICATION" -> List.of();
            case "FIRST_ASSISTANCE" -> List.of("start-first-assistance");
            case "LONG_TERM_ASSISTANCE" -> List.of("start-first-assistance", "start-long-term-assistance");
            case "RETURN" -> List.of("start-first-assistance", "start-return");
            default -> List.of("close");
        };
        for (String step : path) {
            if (step.equals("start-return")) {
                readyForReturn(id);
            }
            var request = as(token);
            if (step.equals("close")) {
                request = request.body(Map.of("reason", "test"));
            }
            request.post(action(id, step)).then().statusCode(200);
        }
        return id;
    }

    /** Consent, a risk assessment and, as the reflection period may still run, the victim's wish to go now. */
    private void readyForReturn(String id) {
        as(token).body(Map.of("scope", "RETURN", "givenBy", "VICTIM", "interpreter", "court interpreter", "language", "ro"))
                .post("/api/v1/cases/" + id + "/consents").then().statusCode(201);
        as(token).body(Map.of("language", "ro", "interpreter", "court interpreter"))
                .post("/api/v1/cases/" + id + "/protection/early-return-requests").then().statusCode(201);
        as(token).body(Map.of("kind", "RISK", "riskLevel", "MEDIUM", "summary", "family supportive"))
                .post("/api/v1/cases/" + id + "/assessments").then().statusCode(201);
    }

    private static String action(String id, String action) {
        return "/api/v1/cases/" + id + "/actions/" + action;
    }
}
