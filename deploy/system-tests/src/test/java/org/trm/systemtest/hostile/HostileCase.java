package org.trm.systemtest.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;
import org.trm.model.json.Json;

/**
 * One generated bad request: who sends it ({@code caller}, a TLS identity; a token travels in the
 * request's headers), what, and the answer it must get. {@code secrets} are strings of the request
 * that the answer must not echo (fragments, personal data, the forged input).
 */
record HostileCase(String category, String name, Wire.Identity caller, Wire.Request request, Expect expect, List<String> secrets) {
    /** What a stack trace or an internal error leaves in an answer. */
    private static final Pattern INTERNALS = Pattern.compile(
            "\\tat |\\bat [a-z]+\\.[a-z]+\\.|Exception\\b|Caused by|org\\.(trm|hibernate|postgresql|jboss)|java\\.[a-z]+\\.|SQLState|\\bSELECT\\b|\\bINSERT\\b");

    String displayName() {
        return name + " → " + expect + "  [" + request.describe() + ", " + caller.name() + "]";
    }

    void check(Wire.Answer answer) {
        String seen = "answer " + answer.status() + " " + answer.contentType() + " " + abbreviated(answer.body())
                + (answer.tlsRefused() ? " (" + answer.tlsError() + ")" : "");
        if (expect instanceof Expect.TlsRefused) {
            assertTrue(answer.tlsRefused(), "expected a TLS refusal, got " + seen);
            return;
        }
        assertFalse(answer.tlsRefused(), seen);
        if (expect instanceof Expect.Problem p) {
            assertEquals(p.status(), answer.status(), "status; " + seen);
            JsonNode problem = problem(answer, seen);
            assertEquals(p.type(), text(problem, "type"), "problem type; " + seen);
            assertEquals(p.status(), problem.path("status").asInt(), "problem status; " + seen);
        } else if (expect instanceof Expect.InBatch b) {
            assertEquals(200, answer.status(), "status; " + seen);
            assertTrue(answer.contentType().startsWith("application/json"), "content type; " + seen);
            JsonNode results = Json.read(answer.body(), JsonNode.class).path("results");
            assertEquals(1, results.size(), "one result; " + seen);
            JsonNode result = results.get(0);
            assertEquals(b.member().status(), result.path("status").asInt(), "member status; " + seen);
            assertEquals(b.member().type(), text(result.path("problem"), "type"), "member problem type; " + seen);
            assertFalse(result.has("receipt") || result.has("state"), "nothing accepted; " + seen);
        } else if (expect instanceof Expect.Empty e) {
            assertEquals(e.status(), answer.status(), "status; " + seen);
            JsonNode body = Json.read(answer.body(), JsonNode.class);
            JsonNode rows = body.isArray() ? body : body.path("items");
            assertTrue(rows.isArray() && rows.isEmpty(), "nothing found; " + seen);
        }
        assertFalse(INTERNALS.matcher(answer.body()).find(), "internals in the answer; " + seen);
        String said = withoutInstance(answer.body());
        for (String secret : secrets) {
            assertFalse(said.contains(secret), "the answer echoes the input " + abbreviated(secret) + "; " + seen);
        }
    }

    /** The body without a problem's {@code instance}, which is the request path by definition (§11), not an echo. */
    private static String withoutInstance(String body) {
        try {
            JsonNode json = Json.read(body, JsonNode.class);
            if (json instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                o.remove("instance");
                for (JsonNode result : o.path("results")) {
                    if (result.path("problem") instanceof com.fasterxml.jackson.databind.node.ObjectNode p) {
                        p.remove("instance");
                    }
                }
                return Json.write(o);
            }
            return body;
        } catch (RuntimeException e) {
            return body;
        }
    }

    private static JsonNode problem(Wire.Answer answer, String seen) {
        assertTrue(answer.contentType().startsWith("application/problem+json"), "content type; " + seen);
        return Json.read(answer.body(), JsonNode.class);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null ? null : value.asText();
    }

    private static String abbreviated(String s) {
        return s.length() <= 400 ? s : s.substring(0, 400) + "…(" + s.length() + " chars)";
    }
}
