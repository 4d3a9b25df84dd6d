package org.trm.gateway.relay;

import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.trm.gateway.GatewayConfig;
import org.trm.model.envelope.BatchOutcome;
import org.trm.model.envelope.EnvelopeBatch;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.json.Json;

/**
 * The gateway's outgoing mTLS: to peer gateways and to its own node, with the same certificate
 * and truststore as its server side (the default TLS configuration), host names verified.
 */
@ApplicationScoped
public class HopClient {

    @Inject
    Vertx vertx;

    @Inject
    TlsConfigurationRegistry tls;

    @Inject
    GatewayConfig config;


    private HttpClient client;

    @PostConstruct
    void init() {
        TlsConfiguration own = tls.get(GatewayConfig.TLS_NAME).orElseThrow(
                () -> new IllegalStateException("the TLS configuration quarkus.tls.federation.* is required"));
        HttpClientOptions options = new HttpClientOptions()
                .setSsl(true)
                .setKeyCertOptions(own.getKeyStoreOptions())
                .setTrustOptions(own.getTrustStoreOptions())
                .setVerifyHost(true)
                .setKeepAlive(true)
                .setMaxPoolSize(config.relay().connectionsPerPeer())
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.relay().requestTimeout().toMillis()))
                .setIdleTimeout(60);
        client = vertx.createHttpClient(options);
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }

    /** Posts a JWS envelope; never completes exceptionally. */
    private CompletableFuture<HopResponse> post(String url, String jws) {
        return exchange(url, MediaTypes.ENVELOPE_JWS, jws);
    }

    /**
     * Posts envelopes as one {@link EnvelopeBatch}; completes with what the next hop (a peer gateway,
     * or the own node) answered for each, in order. A hop that refuses the batch as such (415, 413)
     * gets them one by one instead. Any other failure of the whole request (unreachable, refused, an
     * answer that does not account for every envelope) is each envelope's answer. Never completes
     * exceptionally.
     */
    public CompletableFuture<List<HopResponse>> postBatch(String url, List<String> envelopes) {
        return exchange(url, MediaTypes.ENVELOPE_BATCH, Json.write(new EnvelopeBatch(envelopes)))
                .thenCompose(whole -> whole.status() == 415 || whole.status() == 413
                        // A hop that takes no batches (one not yet upgraded), or not this large: one by one.
                        ? each(url, envelopes)
                        : CompletableFuture.completedFuture(perEnvelope(whole, envelopes.size())));
    }

    private CompletableFuture<List<HopResponse>> each(String url, List<String> envelopes) {
        List<CompletableFuture<HopResponse>> sent = envelopes.stream().map(jws -> post(url, jws)).toList();
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                .thenApply(done -> sent.stream().map(CompletableFuture::join).toList());
    }

    private static List<HopResponse> perEnvelope(HopResponse whole, int count) {
        if (whole.status() != 200) {
            return Collections.nCopies(count, whole);
        }
        try {
            List<BatchOutcome.Result> results = Json.MAPPER.readValue(whole.body(), BatchOutcome.class).results();
            if (results.size() == count) {
                return results.stream().map(HopClient::asResponse).toList();
            }
        } catch (java.io.IOException | RuntimeException e) {
            // answered below, like an answer that leaves envelopes out
        }
        return Collections.nCopies(count, new HopResponse(0, null, null, "the batch answer does not account for each envelope"));
    }

    /** One envelope's result as if it had been sent alone: a node's receipt is the answer's body, as it would be. */
    private static HopResponse asResponse(BatchOutcome.Result r) {
        if (r.problem() != null) {
            return new HopResponse(r.status(), MediaTypes.PROBLEM_JSON, Json.write(r.problem()), null);
        }
        if (r.receipt() != null) {
            return new HopResponse(r.status(), MediaTypes.ENVELOPE_JWS, r.receipt(), null);
        }
        return new HopResponse(r.status(), MediaType.APPLICATION_JSON, null, null);
    }

    /**
     * Asks a peer gateway's {@code /federation/v1/ping}: an answer proves the mTLS path both ways (each
     * side checked the other's certificate). Never completes exceptionally.
     */
    public CompletableFuture<HopResponse> ping(String gatewayUrl) {
        return exchange(gatewayUrl.replaceAll("/+$", "") + PING_PATH, "application/json", "{}");
    }

    /** The peer gateways' ping endpoint. */
    public static final String PING_PATH = "/federation/v1/ping";

    private CompletableFuture<HopResponse> exchange(String url, String contentType, String body) {
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(url)
                .setIdleTimeout(config.relay().requestTimeout().toMillis())
                .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .putHeader(HttpHeaders.ACCEPT, MediaTypes.ENVELOPE_JWS + ", application/json, " + MediaTypes.PROBLEM_JSON);
        // The answer's body is asked for inside send's own callback: chained after it instead, from
        // the relay's threads (not an event loop), the body could end before anyone listened, and an
        // answer would read as empty (a receipt lost, the envelope delivered again).
        return client.request(request)
                .compose(req -> req.send(Buffer.buffer(body)).compose(resp -> resp.body().map(answer ->
                        new HopResponse(resp.statusCode(), resp.getHeader(HttpHeaders.CONTENT_TYPE), answer.toString(), null))))
                .otherwise(failure -> new HopResponse(0, null, null, failure.getClass().getSimpleName()))
                .toCompletionStage().toCompletableFuture()
                // Also bounds the wait for a pooled connection, which the request's own timeouts do not.
                .completeOnTimeout(new HopResponse(0, null, null, "timeout"),
                        config.relay().requestTimeout().toMillis() + 5000, TimeUnit.MILLISECONDS);
    }
}
