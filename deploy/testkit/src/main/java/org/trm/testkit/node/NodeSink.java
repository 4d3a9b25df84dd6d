package org.trm.testkit.node;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.trm.model.crypto.BodyCipher;
import org.trm.model.crypto.Digests;
import org.trm.model.envelope.BatchOutcome;
import org.trm.model.envelope.Envelope;
import org.trm.model.envelope.EnvelopeBatch;
import org.trm.model.envelope.EnvelopeSigner;
import org.trm.model.envelope.EnvelopeVerifier;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.code.MessageType;
import org.trm.model.json.Json;
import org.trm.model.payload.Receipt;
import org.trm.model.problem.Problem;
import org.trm.model.problem.ProblemType;
import org.trm.testkit.pki.Pki;

/**
 * A receiving node's inbox over real mTLS (the node certificate of its country, client certificate
 * required): records what arrives, alone or in batches, and answers each envelope with a RECEIPT
 * signed by that node's key, as a node does, or refuses what a test tells it to. Not a gateway: the gateways under test are real processes.
 */
public final class NodeSink implements AutoCloseable {
    private final Pki pki;
    private final String country;
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Map<UUID, String> received = new ConcurrentHashMap<>();
    private final Map<UUID, String> callers = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private final AtomicInteger batches = new AtomicInteger();
    private final Map<UUID, ProblemType> refusals = new ConcurrentHashMap<>();
    private final Map<UUID, String> refused = new ConcurrentHashMap<>();
    private volatile boolean refuseSignals;

    /** The inbox of {@code country}'s node in {@link Pki#TEST}. */
    public NodeSink(String country) throws Exception {
        this(Pki.TEST, country);
    }

    public NodeSink(Pki pki, String country) throws Exception {
        this.pki = pki;
        this.country = country;
        HttpServerOptions options = new HttpServerOptions()
                .setSsl(true)
                .setHost("127.0.0.1")
                .setClientAuth(ClientAuth.REQUIRED)
                .setKeyCertOptions(new PfxOptions().setPath(pki.keystore(country, "node").toString())
                        .setPassword(pki.password()))
                .setTrustOptions(new PfxOptions().setPath(pki.truststore().toString())
                        .setPassword(pki.password()));
        server = vertx.createHttpServer(options).requestHandler(req -> {
            if (!"/federation/v1/inbox".equals(req.path())) {
                req.response().setStatusCode(404).end();
                return;
            }
            String caller;
            try {
                caller = ((java.security.cert.X509Certificate) req.sslSession().getPeerCertificates()[0])
                        .getSubjectX500Principal().getName();
            } catch (Exception e) {
                req.response().setStatusCode(401).end();
                return;
            }
            req.body().onSuccess(body -> {
                String contentType = req.getHeader("Content-Type");
                if (contentType != null && contentType.startsWith(MediaTypes.ENVELOPE_BATCH)) {
                    batches.incrementAndGet();
                    List<BatchOutcome.Result> results = Json.read(body.toString(), EnvelopeBatch.class).envelopes().stream()
                            .map(jws -> refusal(jws).map(BatchOutcome.Result::refused).orElseGet(() ->
                                    BatchOutcome.Result.delivered(EnvelopeVerifier.peek(jws).messageId(), take(jws, caller))))
                            .toList();
                    req.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                            .end(Json.write(new BatchOutcome(results)));
                    return;
                }
                Optional<Problem> refused = refusal(body.toString());
                if (refused.isPresent()) {
                    req.response().setStatusCode(refused.get().status()).putHeader("Content-Type", Problem.MEDIA_TYPE)
                            .end(Json.write(refused.get()));
                    return;
                }
                String receipt = take(body.toString(), caller);
                if (receipt == null) {
                    req.response().setStatusCode(202).end();
                    return;
                }
                req.response().setStatusCode(200).putHeader("Content-Type", MediaTypes.ENVELOPE_JWS).end(receipt);
            });
        }).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /**
     * From now on refuses every delivery of the message with {@code problem}, as a node refuses
     * what it cannot take (nothing of it is recorded here).
     */
    public void refuse(UUID messageId, ProblemType problem) {
        refusals.put(messageId, problem);
    }

    /** Whether to refuse every delivery of a DELIVERY_FAILURE (as unknown-conversation). */
    public void refuseSignals(boolean refuse) {
        refuseSignals = refuse;
    }

    /** The envelopes refused here, by message id. */
    public Map<UUID, String> refused() {
        return refused;
    }

    private Optional<Problem> refusal(String jws) {
        Envelope e = EnvelopeVerifier.peek(jws);
        ProblemType problem = refuseSignals && e.type() == MessageType.DELIVERY_FAILURE ? ProblemType.UNKNOWN_CONVERSATION
                : refusals.get(e.messageId());
        if (problem == null) {
            return Optional.empty();
        }
        refused.put(e.messageId(), jws);
        return Optional.of(new Problem(problem.type().toString(), problem.title(), problem.status(), "refused by the test",
                "/federation/v1/inbox", "node." + country, null));
    }

    /** Records a delivered envelope; returns its receipt, or null when it is not receipted (a receipt, a failure signal). */
    private String take(String jws, String caller) {
        Envelope e = EnvelopeVerifier.peek(jws);
        received.put(e.messageId(), jws);
        deliveries.computeIfAbsent(e.messageId(), id -> new AtomicInteger()).incrementAndGet();
        callers.put(e.messageId(), caller);
        return e.type().receipted() ? receipt(e, jws) : null;
    }

    private String receipt(Envelope original, String jws) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // A stable id per original, so that a redelivery yields the very same receipt bytes... except the time:
        // a redelivered message gets a new receipt id, which the gateways accept as a separate receipt.
        Receipt receipt = new Receipt(1, original.messageId(), Digests.sha256Hex(jws), now);
        Envelope env = new Envelope(Envelope.VERSION, UUID.randomUUID(), original.conversationId(), original.messageId(),
                MessageType.RECEIPT, country, original.from(), now, now.plus(Duration.ofDays(7)),
                BodyCipher.encrypt(receipt, pki.encryptionKey(original.from())));
        return new EnvelopeSigner(pki.signingKey(country)).sign(env);
    }

    public String url() {
        return "https://127.0.0.1:" + server.actualPort();
    }

    public Map<UUID, String> received() {
        return received;
    }

    /** How often the message was delivered here. */
    public int deliveries(UUID messageId) {
        var count = deliveries.get(messageId);
        return count == null ? 0 : count.get();
    }

    /** How many requests brought a batch of envelopes. */
    public int batches() {
        return batches.get();
    }

    public String caller(UUID messageId) {
        return callers.get(messageId);
    }

    public List<UUID> ids() {
        return List.copyOf(received.keySet());
    }

    @Override
    public void close() {
        vertx.close();
    }
}
