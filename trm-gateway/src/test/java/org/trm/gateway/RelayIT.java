package org.trm.gateway;

import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trm.testkit.Eventually.await;
import static org.trm.testkit.pki.Federation.as;
import static org.trm.testkit.pki.Federation.envelope;
import static org.trm.testkit.pki.Federation.post;
import static org.trm.testkit.pki.Federation.signed;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import java.time.Instant;
import org.trm.model.crypto.Digests;
import org.trm.model.crypto.Jwks;
import org.trm.model.directory.DirectoryCodec;
import org.trm.model.envelope.EnvelopeSigner;
import org.trm.model.envelope.VerifiedEnvelope;
import org.trm.model.payload.DeliveryFailure;
import org.trm.model.problem.ProblemType;
import org.trm.testkit.pki.Federation;
import org.trm.model.directory.Agreement;
import org.trm.model.envelope.Envelope;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.code.MessageType;
import org.trm.testkit.node.NodeSink;
import org.trm.testkit.pki.Pki;
import org.trm.testkit.pki.TestDirectory;
import org.trm.testkit.process.GatewayProcess;

/**
 * Two real gateway processes (AT on gw_test_a, BG on gw_test_b) over real mTLS, with a receiving
 * node inbox per country: relay end to end with the receipt coming back, the peer down and back,
 * a gateway killed with SIGKILL mid-queue, and directory reloads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RelayIT {
    private static final Duration PATIENCE = Duration.ofSeconds(40);

    private NodeSink nodeAt;
    private NodeSink nodeBg;
    private GatewayProcess at;
    private GatewayProcess bg;
    private TestDirectory directory;
    private com.sun.net.httpserver.HttpServer publisher;

    @BeforeAll
    void startFederation() throws Exception {
        nodeAt = new NodeSink("AT");
        nodeBg = new NodeSink("BG");
        directory = new TestDirectory(Path.of("target/it/federation.jws"));
        at = new GatewayProcess("AT", "gw_test_a", nodeAt.url(), directory.file())
                .with("trm.retention.body", "0s").with("trm.retention.purge-interval", "1s");
        // BG reads the directory where the operator publishes it (a URL), AT from a file.
        publisher = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        publisher.createContext("/federation.jws", exchange -> {
            byte[] jws = java.nio.file.Files.readAllBytes(directory.file());
            exchange.sendResponseHeaders(200, jws.length);
            exchange.getResponseBody().write(jws);
            exchange.close();
        });
        publisher.start();
        bg = new GatewayProcess("BG", "gw_test_b", nodeBg.url(), directory.file()).with("trm.directory.location",
                "http://127.0.0.1:" + publisher.getAddress().getPort() + "/federation.jws");
        directory.urls(Map.of("AT", at.url(), "BG", bg.url())).publish(null);
        at.start(true);
        bg.start(true);
    }

    @AfterAll
    void stopFederation() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {at, bg, nodeAt, nodeBg}) {
            if (c != null) {
                c.close();
            }
        }
        if (publisher != null) {
            publisher.stop(0);
        }
    }

    private String send(Envelope e) {
        String jws = signed(e);
        post(as("AT", "node"), jws).post(at.url() + "/local/v1/envelopes").then().statusCode(202)
                .body("state", is("ACCEPTED"));
        return jws;
    }

    private JsonPath status(GatewayProcess gateway, UUID id) {
        return as(gateway.country(), "node").get(gateway.url() + "/local/v1/envelopes/" + id).then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    @Order(1)
    void shouldRelayToTheRecipientNodeAndBringTheReceiptBack() {
        Envelope e = envelope("AT", "BG", MessageType.REFERRAL);
        String jws = send(e);

        await(PATIENCE).until(() -> nodeBg.received().containsKey(e.messageId()));
        assertEquals(jws, nodeBg.received().get(e.messageId()), "the recipient gets the sender's bytes unchanged");
        assertTrue(nodeBg.caller(e.messageId()).contains("OU=gateway") && nodeBg.caller(e.messageId()).contains("C=BG"),
                "delivered by its own country's gateway over mTLS");

        await(PATIENCE).until(() -> "RECEIPTED".equals(status(at, e.messageId()).getString("state")));
        JsonPath atStatus = status(at, e.messageId());
        UUID receiptId = UUID.fromString(atStatus.getString("receiptMessageId"));
        assertEquals("RECEIPTED", status(bg, e.messageId()).getString("state"));
        assertEquals(Digests.sha256Hex(jws), atStatus.getString("sha256"));

        // The receipt travelled back through both gateways to the sender's node, signed by BG's node.
        await(PATIENCE).until(() -> nodeAt.received().containsKey(receiptId));
        Envelope receipt = EnvelopeVerifier.peek(nodeAt.received().get(receiptId));
        assertEquals(MessageType.RECEIPT, receipt.type());
        assertEquals(e.messageId(), receipt.inReplyTo());
        assertEquals("BG", receipt.from());
        // Nothing failed, so each went once: the relay does not send what it already has in flight.
        assertEquals(1, nodeBg.deliveries(e.messageId()));
        assertEquals(1, nodeAt.deliveries(receiptId));
        // Both came in batches: BG's node's receipt travelled in its batch answer.
        assertTrue(nodeBg.batches() >= 1 && nodeAt.batches() >= 1, "the gateways deliver to their nodes in batches");

        // Retention (0s here) purges the body of a receipted message; header and receipt link stay.
        await(PATIENCE).until(() -> status(at, e.messageId()).getBoolean("bodyPurged"));
        assertEquals(receiptId.toString(), status(at, e.messageId()).getString("receiptMessageId"));
    }

    @Test
    @Order(2)
    void shouldQueueWhileThePeerIsDownAndDeliverWhenItReturns() throws Exception {
        bg.stop();
        Envelope e = envelope("AT", "BG", MessageType.CASE_UPDATE);
        send(e);
        await(PATIENCE).until(() -> status(at, e.messageId()).getInt("attempts") >= 2);
        JsonPath queued = status(at, e.messageId());
        assertEquals("ACCEPTED", queued.getString("state"));
        assertTrue(queued.getString("lastError").startsWith("unreachable"), queued.getString("lastError"));
        assertTrue(!nodeBg.received().containsKey(e.messageId()));

        bg.start(false);
        await(PATIENCE).until(() -> nodeBg.received().containsKey(e.messageId()));
        await(PATIENCE).until(() -> "RECEIPTED".equals(status(at, e.messageId()).getString("state")));
    }

    @Test
    @Order(3)
    void shouldLoseNothingWhenAGatewayIsKilledMidQueue() throws Exception {
        bg.stop();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Envelope e = envelope("AT", "BG", MessageType.REFERRAL);
            send(e);
            ids.add(e.messageId());
        }
        at.kill();
        at.start(false);
        for (UUID id : ids) {
            assertEquals("ACCEPTED", status(at, id).getString("state"), "still queued after SIGKILL");
        }
        bg.start(false);
        await(PATIENCE).until(() -> nodeBg.received().keySet().containsAll(ids));
        await(PATIENCE).until(() -> ids.stream()
                .allMatch(id -> "RECEIPTED".equals(status(at, id).getString("state"))));
    }

    @Test
    @Order(4)
    void shouldReloadTheDirectoryAndRefuseOlderOrForgedOnes() throws Exception {
        int withoutAgreement = directory.publish(List.of());
        await(PATIENCE).untilAsserted(() -> RestAssured.get(bg.managementUrl() + "/q/health/ready").then()
                .body("checks.find { it.name == 'federation-directory' }.data.version", is(withoutAgreement)));
        await(PATIENCE).untilAsserted(() -> post(as("AT", "node"), signed(envelope("AT", "BG", MessageType.REFERRAL)))
                .post(at.url() + "/local/v1/envelopes").then().statusCode(403)
                .contentType(MediaTypes.PROBLEM_JSON).body("type", is("urn:trm:problem:no-agreement")));

        // An older version, and a newer one signed by someone else, are refused: the current one stays.
        directory.write(withoutAgreement - 1, null, Pki.TEST.operatorKey());
        Thread.sleep(2500);
        directory.write(withoutAgreement + 1, null, Pki.TEST.signingKey("AT"));
        Thread.sleep(2500);
        post(as("AT", "node"), signed(envelope("AT", "BG", MessageType.REFERRAL))).post(at.url() + "/local/v1/envelopes")
                .then().statusCode(403).body("type", is("urn:trm:problem:no-agreement"));
        RestAssured.get(at.managementUrl() + "/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("trm_gateway_directory_refused_total"));
        String metrics = RestAssured.get(at.managementUrl() + "/q/metrics").asString();
        double refused = metrics.lines().filter(l -> l.startsWith("trm_gateway_directory_refused_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertTrue(refused >= 2, "refusals counted: " + refused);

        directory.write(withoutAgreement + 2, null, Pki.TEST.operatorKey());
        await(PATIENCE).untilAsserted(() -> post(as("AT", "node"), signed(envelope("AT", "BG", MessageType.REFERRAL)))
                .post(at.url() + "/local/v1/envelopes").then().statusCode(202));
    }

    @Test
    @Order(5)
    void shouldReportHealthAndMetricsOnTheManagementPort() {
        RestAssured.get(at.managementUrl() + "/q/health/ready").then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.find { it.name == 'federation-directory' }.data.version", greaterThanOrEqualTo(1))
                .body("checks.find { it.name == 'certificates' }.data.expiringSoon", is(false));
        String metrics = RestAssured.get(at.managementUrl() + "/q/metrics").asString();
        for (String name : List.of("trm_gateway_accepted_total", "trm_gateway_forwarded_total", "trm_gateway_delivered_total",
                "trm_gateway_retried_total", "trm_gateway_queue_depth", "trm_gateway_queue_oldest_age_seconds",
                "trm_gateway_border_refusals_total", "trm_gateway_certificate_expiry_days")) {
            assertTrue(metrics.contains(name), name + " is exported");
        }
        assertTrue(metrics.contains("trm_gateway_border_refusals_total{cause=\"no_agreement\""), "refusals by cause");
    }

    @Test
    @Order(6)
    void shouldKeepUndeliverableMessagesAsDeadLettersForTheOperator() throws Exception {
        bg.stop();
        Envelope e = envelope(UUID.randomUUID(), "AT", "BG", MessageType.INFO_REQUEST,
                java.time.Instant.now(), Duration.ofSeconds(3));
        send(e);
        await(PATIENCE).until(() -> "DEAD".equals(status(at, e.messageId()).getString("state")));
        assertTrue(status(at, e.messageId()).getString("lastError").startsWith("unreachable"));
        as("AT", "operator").get(at.url() + "/local/v1/dead-letters").then().statusCode(200)
                .body("messageId", org.hamcrest.Matchers.hasItem(e.messageId().toString()));
        // AT's gateway gave up on its own node's message: it tells its node, from AT to AT.
        DeliveryFailure expired = signalTo(nodeAt, e.messageId(), "AT", "AT-gw-sig-1", 1);
        assertEquals("gateway.AT", expired.hop());
        assertEquals("urn:trm:problem:expired", expired.problem());
        assertEquals(status(at, e.messageId()).getString("sha256"), expired.sha256());

        // The operator retries; the envelope's signed expiry still stands, so BG refuses it as expired
        // and it is a dead letter again, now with the peer's reason.
        bg.start(false);
        as("AT", "operator").post(at.url() + "/local/v1/dead-letters/" + e.messageId() + "/retry").then()
                .statusCode(202).body("state", is("ACCEPTED"));
        await(PATIENCE).until(() -> "DEAD".equals(status(at, e.messageId()).getString("state"))
                && status(at, e.messageId()).getString("lastError").contains("urn:trm:problem:expired at gateway.BG"));
        // Refused by the peer this time: a second signal names the peer's gateway as the hop that failed it.
        DeliveryFailure refused = signalTo(nodeAt, e.messageId(), "AT", "AT-gw-sig-1", 2);
        assertEquals("gateway.BG", refused.hop());
        assertEquals("urn:trm:problem:expired", refused.problem());
        assertEquals(expired.sha256(), refused.sha256());
        as("AT", "operator").post(at.url() + "/local/v1/dead-letters/" + UUID.randomUUID() + "/retry")
                .then().statusCode(404);
    }

    @Test
    @Order(7)
    void shouldMonitorHowTheAgreementIsKept() throws Exception {
        // An agreed response time of 5 s, so that breaches show within the test.
        List<Agreement> quick = directory.agreements().stream().map(a -> new Agreement(a.id(), a.parties(), a.types(),
                a.validFrom(), a.validUntil(), Duration.ofSeconds(5))).toList();
        int current = RestAssured.get(at.managementUrl() + "/q/health/ready").jsonPath()
                .getInt("checks.find { it.name == 'federation-directory' }.data.version");
        int version = directory.write(current + 1, quick,
                Pki.TEST.operatorKey());
        await(PATIENCE).untilAsserted(() -> RestAssured.get(at.managementUrl() + "/q/health/ready").then()
                .body("checks.find { it.name == 'federation-directory' }.data.version", is(version)));
        await(PATIENCE).untilAsserted(() -> RestAssured.get(bg.managementUrl() + "/q/health/ready").then()
                .body("checks.find { it.name == 'federation-directory' }.data.version", is(version)));
        // The earlier tests' referrals are overdue by now: what follows counts only this test's.
        Thread.sleep(5500);
        JsonPath before = agreement("AT", "BG");

        Envelope answered = envelope("AT", "BG", MessageType.REFERRAL);
        Envelope unanswered = envelope("AT", "BG", MessageType.REFERRAL);
        send(answered);
        send(unanswered);
        await(PATIENCE).until(() -> nodeBg.received().containsKey(answered.messageId()));
        Envelope response = Envelope.create(MessageType.REFERRAL_RESPONSE, "BG", "AT", answered.conversationId(),
                answered.messageId(), java.time.Instant.now(), Duration.ofDays(7),
                org.trm.model.crypto.BodyCipher.encrypt(Map.of("v", 1, "decision", "ACCEPTED"),
                        Pki.TEST.encryptionKey("AT")));
        post(as("BG", "node"), signed(response)).post(bg.url() + "/local/v1/envelopes").then().statusCode(202);
        await(PATIENCE).until(() -> nodeAt.received().containsKey(response.messageId()));
        Thread.sleep(5500);

        JsonPath after = agreement("AT", "BG");
        assertEquals(5, after.getLong("agreedResponseSeconds"));
        assertEquals(before.getLong("referrals") + 2, after.getLong("referrals"));
        assertEquals(before.getLong("responded") + 1, after.getLong("responded"));
        assertEquals(before.getLong("breaches.overdue") + 1, after.getLong("breaches.overdue"),
                "the unanswered referral is past the agreed time");
        assertTrue(after.get("medianResponseSeconds") != null && after.get("longestResponseSeconds") != null,
                "response times are reported once a referral is answered");
        assertEquals(before.getLong("messages.REFERRAL") + 2, after.getLong("messages.REFERRAL"));
        JsonPath back = agreement("BG", "AT");
        assertTrue(back.getLong("messages.REFERRAL_RESPONSE") >= 1, "the response crossed the other way");

        // The figures are this country's: another country's certificate may not read them.
        as("BG", "operator").get(at.url() + "/local/v1/agreements").then().statusCode(403)
                .contentType(MediaTypes.PROBLEM_JSON);
        as("BG", "gateway").get(at.url() + "/local/v1/agreements").then().statusCode(403);
        await(PATIENCE).until(() -> RestAssured.get(at.managementUrl() + "/q/metrics").asString()
                .contains("trm_gateway_agreement_breaches{agreement="));
    }

    @Test
    @Order(9)
    void shouldTellTheSenderWithinSecondsWhenTheRecipientNodeRefusesAMessage() throws Exception {
        Envelope e = envelope("AT", "BG", MessageType.CASE_UPDATE);
        nodeBg.refuse(e.messageId(), ProblemType.UNKNOWN_CONVERSATION);
        String jws = send(e);

        await(PATIENCE).until(() -> "DEAD".equals(status(bg, e.messageId()).getString("state")));
        // BG's gateway signs the signal with its own key; AT's gateway checks it against what it forwarded.
        DeliveryFailure failure = signalTo(nodeAt, e.messageId(), "BG", "BG-gw-sig-1", 1);
        assertEquals("node.BG", failure.hop());
        assertEquals("urn:trm:problem:unknown-conversation", failure.problem());
        assertEquals(Digests.sha256Hex(jws), failure.sha256());
        JsonPath atStatus = status(at, e.messageId());
        assertEquals("DEAD", atStatus.getString("state"), "the sender's gateway shows the message dead too");
        assertTrue(atStatus.getString("lastError").startsWith("failed at node.BG: urn:trm:problem:unknown-conversation"),
                atStatus.getString("lastError"));
        as("AT", "operator").get(at.url() + "/local/v1/dead-letters").then().statusCode(200)
                .body("messageId", org.hamcrest.Matchers.hasItem(e.messageId().toString()));
        assertTrue(signals(nodeBg, e.messageId()).isEmpty(), "the signal goes to the sender's node only");
    }

    @Test
    @Order(10)
    void shouldRefuseAPeersSignalAboutAMessageItWasNeverSentOrWithAnotherHash() throws Exception {
        Envelope e = envelope("AT", "BG", MessageType.CASE_UPDATE);
        String jws = send(e);
        await(PATIENCE).until(() -> "RECEIPTED".equals(status(at, e.messageId()).getString("state")));
        Instant now = Instant.now();
        String otherHash = Digests.sha256Hex(jws + "x");
        String wrongHash = bgSignal(e, new DeliveryFailure(1, e.messageId(), otherHash, "node.BG", "about:blank", null, now));
        post(as("BG", "gateway"), wrongHash).post(at.url() + "/federation/v1/envelopes").then().statusCode(400)
                .contentType(MediaTypes.PROBLEM_JSON).body("type", is("urn:trm:problem:malformed"));
        Envelope never = envelope("AT", "BG", MessageType.CASE_UPDATE);
        String unknown = bgSignal(never, new DeliveryFailure(1, never.messageId(), Digests.sha256Hex(jws), "node.BG",
                "about:blank", null, now));
        post(as("BG", "gateway"), unknown).post(at.url() + "/federation/v1/envelopes").then().statusCode(409)
                .contentType(MediaTypes.PROBLEM_JSON).body("type", is("urn:trm:problem:unknown-conversation"));
        // Signed by BG's node instead of its gateway: refused before anything else is looked at.
        String byNode = Federation.sign(EnvelopeVerifier.peek(bgSignal(e, new DeliveryFailure(1, e.messageId(),
                Digests.sha256Hex(jws), "node.BG", "about:blank", null, now))), "BG");
        post(as("BG", "gateway"), byNode).post(at.url() + "/federation/v1/envelopes").then().statusCode(400)
                .contentType(MediaTypes.PROBLEM_JSON).body("type", is("urn:trm:problem:key-role-mismatch"));
        assertEquals("RECEIPTED", status(at, e.messageId()).getString("state"), "a refused signal changes nothing");
    }

    @Test
    @Order(11)
    void shouldKeepASignalThatCannotBeDeliveredAsADeadLetterAndSendNoSignalAboutIt() throws Exception {
        nodeAt.refuseSignals(true);
        Envelope e = envelope("AT", "BG", MessageType.CASE_UPDATE);
        nodeBg.refuse(e.messageId(), ProblemType.UNKNOWN_CONVERSATION);
        send(e);

        await(PATIENCE).until(() -> nodeAt.refused().values().stream().map(EnvelopeVerifier::peek)
                .anyMatch(s -> e.messageId().equals(s.inReplyTo())));
        UUID signal = nodeAt.refused().values().stream().map(EnvelopeVerifier::peek)
                .filter(s -> e.messageId().equals(s.inReplyTo())).findFirst().orElseThrow().messageId();
        await(PATIENCE).until(() -> "DEAD".equals(status(at, signal).getString("state")));
        // A signal's death is written with whatever it causes, in one transaction: nothing answers it.
        try (var db = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/gw_test_a", "trm", "trm");
                var q = db.prepareStatement("SELECT count(*) FROM message WHERE in_reply_to = ?")) {
            q.setObject(1, signal);
            try (var rs = q.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getInt(1), "no signal about a signal");
            }
        }
        nodeAt.refuseSignals(false);
    }

    /** A DELIVERY_FAILURE as BG's gateway would sign it, about {@code e}. */
    private static String bgSignal(Envelope e, DeliveryFailure failure) {
        return new EnvelopeSigner(Pki.TEST.gatewaySigningKey("BG")).sign(Envelope.create(MessageType.DELIVERY_FAILURE,
                "BG", "AT", e.conversationId(), e.messageId(), Instant.now(), Duration.ofDays(7), failure.toBody()));
    }

    /** The failure signals about {@code messageId} that reached {@code node}, each checked against the directory. */
    private List<VerifiedEnvelope> signals(NodeSink node, UUID messageId) {
        EnvelopeVerifier verifier = new EnvelopeVerifier(() -> DirectoryCodec.verify(read(directory.file()),
                Jwks.load(Pki.TEST.operatorPublicKey())), java.time.Clock.systemUTC());
        return node.received().values().stream().map(verifier::verify)
                .filter(s -> s.envelope().type() == MessageType.DELIVERY_FAILURE && messageId.equals(s.envelope().inReplyTo()))
                .sorted(java.util.Comparator.comparing(s -> s.envelope().createdAt())).toList();
    }

    /**
     * Waits for the {@code n}th signal about {@code messageId} at AT's node, checks it came from
     * {@code from} to AT signed with {@code kid}, and returns its payload.
     */
    private DeliveryFailure signalTo(NodeSink node, UUID messageId, String from, String kid, int n) {
        await(PATIENCE).until(() -> signals(node, messageId).size() >= n);
        VerifiedEnvelope signal = signals(node, messageId).get(n - 1);
        assertEquals(from, signal.envelope().from());
        assertEquals("AT", signal.envelope().to());
        assertEquals(kid, signal.kid());
        return DeliveryFailure.fromBody(signal.envelope().body());
    }

    private static String read(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private JsonPath agreement(String from, String to) {
        List<Map<String, Object>> reports = as("AT", "operator").get(at.url() + "/local/v1/agreements").then()
                .statusCode(200).extract().jsonPath().getList("$");
        Map<String, Object> report = reports.stream().filter(r -> from.equals(r.get("from")) && to.equals(r.get("to")))
                .findFirst().orElseThrow(() -> new AssertionError("no report for " + from + " -> " + to));
        return JsonPath.from(toJson(report));
    }

    private static String toJson(Object value) {
        try {
            return org.trm.model.json.Json.MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @Order(8)
    void shouldRelayOneByOneToAPeerThatTakesNoBatches() throws Exception {
        // A peer not yet upgraded refuses batches (here: none may hold even one envelope).
        bg.stop();
        bg.with("trm.max-batch-envelopes", "0").start(false);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Envelope e = envelope("AT", "BG", MessageType.REFERRAL);
            send(e);
            ids.add(e.messageId());
        }
        await(PATIENCE).until(() -> nodeBg.received().keySet().containsAll(ids));
        await(PATIENCE).until(() -> ids.stream().allMatch(id -> "RECEIPTED".equals(status(at, id).getString("state"))));
        String metrics = RestAssured.get(bg.managementUrl() + "/q/metrics").asString();
        double tooLarge = metrics.lines().filter(l -> l.startsWith("trm_gateway_border_refusals_total")
                && l.contains("cause=\"too_large\"")).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertTrue(tooLarge >= 1, "BG refused AT's batches: " + tooLarge);
    }

    /**
     * Back-offs of a minute and more, so that only noticing the peer's return explains a delivery
     * within seconds of it: BG hangs (SIGSTOP) while AT has messages for it, which time out and wait
     * out their back-off; once BG runs again, AT's probe finds it and the backlog goes at once.
     */
    @Test
    @Order(9)
    void shouldDeliverTheBacklogSoonAfterAHungPeerReturnsWhateverItsBackOff() throws Exception {
        at.stop();
        at.with("trm.relay.initial-backoff", "60s").with("trm.relay.max-backoff", "5m").start(false);
        long pid = bg.handle().pid();
        signal("STOP", pid);
        List<UUID> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Envelope e = envelope("AT", "BG", MessageType.CASE_UPDATE);
                send(e);
                ids.add(e.messageId());
            }
            // Each timed out once and waits out at least 30 s now (or goes early as a probe, to time out again).
            await(PATIENCE).until(() -> ids.stream().allMatch(id -> status(at, id).getInt("attempts") >= 1));
            for (UUID id : ids) {
                assertEquals("ACCEPTED", status(at, id).getString("state"));
            }
        } finally {
            signal("CONT", pid);
        }
        await(Duration.ofSeconds(10)).until(() -> nodeBg.received().keySet().containsAll(ids));
        await(PATIENCE).until(() -> ids.stream().allMatch(id -> "RECEIPTED".equals(status(at, id).getString("state"))));
        assertTrue(java.nio.file.Files.readAllLines(at.log()).stream().noneMatch(l -> l.startsWith("\tat ")),
                "AT's log carries no stack trace");
    }

    private static void signal(String name, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + name + " " + pid);
    }
}
