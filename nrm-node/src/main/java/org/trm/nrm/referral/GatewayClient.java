package org.trm.nrm.referral;

import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.json.Json;
import org.trm.model.problem.ProblemCode;
import org.trm.model.problem.ProblemType;
import org.trm.model.status.MessageStatus;

/**
 * The node's side of its link to the gateway: mutual TLS with the node certificate.
 */
@ApplicationScoped
public class GatewayClient {
    /** The node certificate and the federation CA; the node's HTTPS port uses the same configuration. */
    static final String TLS_CONFIGURATION = "federation";

    @Inject
    FederationConfig config;

    @Inject
    TlsConfigurationRegistry tls;

    private volatile HttpClient client;

    /** What the gateway answered: status and body (a message state or a problem). */
    public record Answer(int status, String body) {
        public boolean accepted() {
            return status == 200 || status == 202;
        }

        /** The refusal's problem type URI, or the status when the body names none. */
        public String problemType() {
            return typeOf(body).orElse("status " + status);
        }

        /**
         * Whether the same envelope may be taken later: as the registry says for the problem the
         * gateway named, else by the federation's status rule, which the gateway's relay follows too.
         */
        public boolean retryable() {
            return typeOf(body).flatMap(ProblemType::ofType).map(ProblemCode::retryable)
                    .orElseGet(() -> ProblemCode.retryableStatus(status));
        }

        private static Optional<String> typeOf(String body) {
            try {
                return Optional.ofNullable(Json.MAPPER.readTree(body).path("type").textValue());
            } catch (java.io.IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    public Answer submit(String jws) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url("/local/v1/envelopes"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", MediaTypes.ENVELOPE_JWS)
                .header("Accept", "application/json, " + MediaTypes.PROBLEM_JSON)
                .POST(HttpRequest.BodyPublishers.ofString(jws)).build();
        HttpResponse<String> response = client().send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /**
     * Where the message stands at the gateway; empty when the gateway does not answer with its state.
     *
     * @throws org.trm.model.problem.ProtocolException when the answer is not a message status
     */
    public Optional<MessageStatus> status(UUID messageId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url("/local/v1/envelopes/" + messageId))
                .timeout(Duration.ofSeconds(10)).header("Accept", "application/json").GET().build();
        HttpResponse<String> response = client().send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? Optional.of(Json.read(response.body(), MessageStatus.class))
                : Optional.empty();
    }

    private URI url(String path) {
        return config.gatewayUrl().orElseThrow(() -> new IllegalStateException("nrm.federation.gateway-url is not set"))
                .resolve(path);
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder().sslContext(sslContext()).connectTimeout(Duration.ofSeconds(5))
                            .version(HttpClient.Version.HTTP_1_1).build();
                }
                c = client;
            }
        }
        return c;
    }

    private SSLContext sslContext() {
        TlsConfiguration configuration = tls.get(TLS_CONFIGURATION)
                .orElseThrow(() -> new IllegalStateException("no TLS configuration: set quarkus.tls.federation.*"));
        try {
            return configuration.createSSLContext();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the TLS context for the gateway link", e);
        }
    }
}
