package org.trm.systemtest.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trm.testkit.Eventually.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.trm.model.json.Json;
import org.trm.testkit.pki.Pki;
import org.trm.testkit.process.LocalFederation;
import org.trm.testkit.token.RealmLogin;

/**
 * The hostile-input suite: several hundred generated bad requests at every border of the federation
 * (a node's user API, a node's inbox, a gateway's local and federation endpoints), each answered
 * with its problem type and status, without internals or the input echoed; and afterwards not one
 * row of any table of any database of the federation is different. Three countries (AT, BG, RO) as
 * separate processes through federation.sh, with the real Keycloak, as in FederationIT; one
 * referral AT → BG is carried first, so that the replays have a message to collide with.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {
    private static final List<String> COUNTRIES = List.of("AT", "BG", "RO");
    private static final Duration DELIVERY = Duration.ofSeconds(90);
    /** The node accepts tokens up to 30 s after their expiry (mp.jwt.verify.clock.skew). */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    /**
     * Tables whose rows change with time alone, not with requests, and why. Nothing else is excluded:
     * the gateways' message tables, the nodes' cases, conversations and audit trail all must stay.
     */
    private static final Map<String, String> EXCLUDED = Map.of();

    private LocalFederation federation;
    private Wire wire;
    private List<String> databases;
    private DatabaseSnapshot before;
    private List<HostileCase> cases;
    private Instant expiredFrom;

    @BeforeAll
    void startFederationAndCarryOneReferral() throws Exception {
        federation = new LocalFederation(COUNTRIES);
        federation.up(true);
        JsonPath status = federation.status();
        Pki pki = Pki.at(Path.of(status.getString("pkiDir")));
        wire = new Wire(pki.truststore(), pki.password());
        databases = new ArrayList<>();
        for (String cc : COUNTRIES) {
            databases.add(status.getString("countries." + cc + ".nodeDatabase"));
            databases.add(status.getString("countries." + cc + ".gatewayDatabase"));
        }
        String atRealm = status.getString("countries.AT.realmUrl");
        URI atNode = URI.create(status.getString("countries.AT.nodeUrl"));

        // First, so that its 2-second life and the node's clock skew are over by the time it is used.
        String expiring = RealmLogin.passwordGrant(atRealm, "nrm-expiry-test", "coordinator", null).get("access_token").asText();
        long exp = Json.read(new String(Base64.getUrlDecoder().decode(expiring.split("\\.")[1]), StandardCharsets.UTF_8),
                JsonNode.class).get("exp").asLong();
        expiredFrom = Instant.ofEpochSecond(exp).plus(CLOCK_SKEW).plusSeconds(2);

        NodeApiCases.Tokens tokens = new NodeApiCases.Tokens(RealmLogin.coordinator(atRealm).token(),
                RealmLogin.user(atRealm, "admin").token(), RealmLogin.user(atRealm, "auditor").token(),
                RealmLogin.user(atRealm, "ngo").token(), RealmLogin.user(atRealm, "caseworker").token(),
                ForgedTokens.of(atRealm, status.getString("countries.BG.realmUrl"), expiring));

        // The one referral the replays collide with: AT → BG, delivered and receipted.
        Api at = new Api(wire, atNode, tokens.coordinator());
        UUID caseId = UUID.fromString(at.post("/api/v1/cases", Map.of("identificationStatus", "PRESUMED",
                "formsOfExploitation", List.of("Labour"), "citizenship", "BG", "countryOfExploitation", "AT", "sex", "Female",
                "ageAtIdentification", 24), 201).get("id").asText());
        at.post("/api/v1/cases/" + caseId + "/consents", Map.of("scope", "SHARE_WITH_COUNTRY", "country", "BG", "givenBy", "VICTIM",
                "language", "bg"), 201);
        JsonNode queued = at.post("/api/v1/cases/" + caseId + "/referrals", Map.of("to", "BG", "reason", "AdditionalServicesRequired",
                "details", "needs shelter", "includePersonalData", false), 202);
        UUID conversation = UUID.fromString(queued.get("conversationId").asText());
        UUID referral = UUID.fromString(queued.get("messageId").asText());
        await(DELIVERY).untilAsserted(() -> {
            JsonNode thread = at.get("/api/v1/referrals/" + conversation, 200);
            boolean receipted = false;
            for (JsonNode m : thread.path("messages")) {
                receipted |= m.path("messageId").asText().equals(referral.toString()) && m.path("state").asText().equals("RECEIPTED");
            }
            assertTrue(receipted, "the referral is receipted: " + thread);
        });
        EnvelopeCases.Held held = held(status.getString("countries.AT.gatewayDatabase"), conversation, referral);

        Forgeries forge = new Forgeries(pki);
        Certificates certificates = new Certificates(pki, Path.of("target/hostile-pki"));
        cases = new ArrayList<>(new EnvelopeCases(pki, forge, certificates, held).all(
                URI.create(status.getString("countries.AT.gatewayUrl")), URI.create(status.getString("countries.BG.gatewayUrl")),
                URI.create(status.getString("countries.BG.nodeFederationUrl"))));
        cases.addAll(new NodeApiCases(atNode, tokens, caseId, conversation).all());
        before = quiescent();
    }

    @AfterAll
    void stopFederation() {
        if (federation != null) {
            federation.stop();
        }
    }

    @TestFactory
    @Order(1)
    Stream<DynamicContainer> everyBadRequestIsRefusedWithItsProblem() {
        assertTrue(cases.size() >= 300, "at least 300 cases, generated " + cases.size());
        Map<String, List<HostileCase>> byCategory = new LinkedHashMap<>();
        for (HostileCase c : cases) {
            byCategory.computeIfAbsent(c.category(), k -> new ArrayList<>()).add(c);
        }
        StringBuilder counts = new StringBuilder("hostile-input cases: " + cases.size() + "\n");
        byCategory.forEach((category, list) -> counts.append(String.format("%5d  %s%n", list.size(), category)));
        System.out.print(counts);
        return byCategory.entrySet().stream().map(e -> DynamicContainer.dynamicContainer(e.getKey() + " (" + e.getValue().size() + ")",
                e.getValue().stream().map(c -> DynamicTest.dynamicTest(c.displayName(), () -> {
                    if (c.name().contains(ForgedTokens.EXPIRED)) {
                        sleepUntil(expiredFrom);
                    }
                    c.check(wire.send(c.caller(), c.request()));
                }))));
    }

    @Test
    @Order(2)
    void noTableOfTheFederationChanged() {
        DatabaseSnapshot after = quiescent();
        assertEquals(List.of(), after.changesSince(before), "tables changed by refused requests");
    }

    // --- helpers ------------------------------------------------------------------------------------

    /** A snapshot once two in a row, a few seconds apart, are equal: whatever the setup set going has come to rest. */
    private DatabaseSnapshot quiescent() {
        DatabaseSnapshot last = DatabaseSnapshot.of(databases, EXCLUDED);
        for (int i = 0; i < 30; i++) {
            sleep(Duration.ofSeconds(3));
            DatabaseSnapshot next = DatabaseSnapshot.of(databases, EXCLUDED);
            if (next.changesSince(last).isEmpty()) {
                return next;
            }
            System.out.println("not at rest yet: " + next.changesSince(last));
            last = next;
        }
        throw new AssertionError("the federation's databases did not come to rest");
    }

    /** The referral and its receipt as AT's gateway stored them. */
    private static EnvelopeCases.Held held(String gatewayDb, UUID conversation, UUID referral) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + gatewayDb, "trm", "trm");
                PreparedStatement q = c.prepareStatement("SELECT jws, receipt_message_id FROM message WHERE message_id = ?")) {
            q.setObject(1, referral);
            String jws;
            UUID receipt;
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next(), "AT's gateway holds the referral");
                jws = rs.getString(1);
                receipt = rs.getObject(2, UUID.class);
            }
            q.setObject(1, receipt);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next(), "AT's gateway holds the receipt");
                return new EnvelopeCases.Held(conversation, referral, jws, receipt, rs.getString(1));
            }
        }
    }

    private static void sleepUntil(Instant when) {
        Duration left = Duration.between(Instant.now(), when);
        if (!left.isNegative()) {
            sleep(left);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The coordinator at the node's API, for the setup. */
    private record Api(Wire wire, URI node, String token) {
        JsonNode post(String path, Object body, int expected) {
            return answer(new Wire.Request("POST", node.resolve(path), Map.of("Authorization", "Bearer " + token,
                    "Content-Type", "application/json"), Json.write(body).getBytes(StandardCharsets.UTF_8)), expected);
        }

        JsonNode get(String path, int expected) {
            return answer(new Wire.Request("GET", node.resolve(path), Map.of("Authorization", "Bearer " + token), null), expected);
        }

        private JsonNode answer(Wire.Request request, int expected) {
            Wire.Answer a = wire.send(Wire.Identity.NONE, request);
            assertEquals(expected, a.status(), request.describe() + ": " + a.body());
            return Json.read(a.body(), JsonNode.class);
        }
    }
}
