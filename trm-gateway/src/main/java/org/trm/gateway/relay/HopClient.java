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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.trm.gateway.GatewayConfig;
import org.trm.model.envelope.MediaTypes;

/**
 * The gateway's outgoing mTLS: to peer gateways and to its own node, with the same certificate
 * and truststore as its server side (the default TLS configuration), host names verified.
 */
@ApplicationScoped
public class HopClient {

    /** What the next hop answered; status 0 means it could not be reached. */
    public record HopResponse(int status, String contentType, String body, String failure) {
        boolean success() {
            return status >= 200 && status < 300;
        }

        /** A refusal that will not change by trying again. */
        boolean permanent() {
            return status >= 400 && status < 500 && status != 408 && status != 425 && status != 429;
        }
    }

    @Inject
    Vertx vertx;

    @Inject
    TlsConfigurationRegistry tls;

    @Inject
    GatewayConfig config;

    /** The TLS registry name of the gateway's certificate and truststore (server and client side). */
    public static final String TLS_NAME = "federation";

    private HttpClient client;

    @PostConstruct
    void init() {
        TlsConfiguration own = tls.get(TLS_NAME).orElseThrow(
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
    public CompletableFuture<HopResponse> post(String url, String jws) {
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(url)
                .setIdleTimeout(config.relay().requestTimeout().toMillis())
                .putHeader(HttpHeaders.CONTENT_TYPE, MediaTypes.ENVELOPE_JWS)
                .putHeader(HttpHeaders.ACCEPT, MediaTypes.ENVELOPE_JWS + ", application/json, " + MediaTypes.PROBLEM_JSON);
        return client.request(request)
                .compose(req -> req.send(Buffer.buffer(jws)))
                .compose(resp -> resp.body().map(body -> new HopResponse(resp.statusCode(),
                        resp.getHeader(HttpHeaders.CONTENT_TYPE), body.toString(), null)))
                .otherwise(failure -> new HopResponse(0, null, null, failure.getClass().getSimpleName()))
                .toCompletionStage().toCompletableFuture()
                // Also bounds the wait for a pooled connection, which the request's own timeouts do not.
                .completeOnTimeout(new HopResponse(0, null, null, "timeout"),
                        config.relay().requestTimeout().toMillis() + 5000, TimeUnit.MILLISECONDS);
    }
}
