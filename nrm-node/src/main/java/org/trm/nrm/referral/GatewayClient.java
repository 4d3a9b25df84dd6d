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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.trm.model.envelope.BatchOutcome;
import org.trm.model.envelope.EnvelopeBatch;
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
    /**
     * How long one exchange may take. The gateway answers in milliseconds when it is well (a durable
     * commit); a hung one holds the outbox's single sender this long, never a database connection.
     */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

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

    /** Hands one envelope to the gateway. */
    public Answer submit(String jws) throws IOException, InterruptedException {
        HttpRequest request = post(MediaTypes.ENVELOPE_JWS, jws);
        HttpResponse<String> response = client().send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /**
     * Hands envelopes to the gateway, several in one request (an {@link EnvelopeBatch}, PROTOCOL.md
     * section 9): the gateway's answer for each, in order, as if each had gone alone. A gateway that
     * refuses the batch as such (415, 413) gets them one by one; any other answer to the whole
     * request is each envelope's.
     *
     * @throws IOException when the gateway cannot be reached or its answer does not account for each envelope
     */
    public List<Answer> submitAll(List<String> envelopes) throws IOException, InterruptedException {
        if (envelopes.size() == 1) {
            return List.of(submit(envelopes.get(0)));
        }
        HttpRequest request = post(MediaTypes.ENVELOPE_BATCH, Json.write(new EnvelopeBatch(envelopes)));
        HttpResponse<String> response = client().send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == 415 || status == 413) {
            List<Answer> answers = new ArrayList<>(envelopes.size());
            for (String jws : envelopes) {
                answers.add(submit(jws));
            }
            return answers;
        }
        if (status != 200) {
            return Collections.nCopies(envelopes.size(), new Answer(status, response.body()));
        }
        List<BatchOutcome.Result> results;
        try {
            results = Json.MAPPER.readValue(response.body(), BatchOutcome.class).results();
        } catch (IOException | RuntimeException e) {
            throw new IOException("the gateway's batch answer is not a BatchOutcome");
        }
        if (results.size() != envelopes.size()) {
            throw new IOException("the gateway's batch answer does not account for each envelope");
        }
        return results.stream().map(r -> new Answer(r.status(), r.problem() == null ? null : Json.write(r.problem())))
                .toList();
    }

    private HttpRequest post(String contentType, String body) {
        return HttpRequest.newBuilder(url("/local/v1/envelopes"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", contentType)
                .header("Accept", "application/json, " + MediaTypes.PROBLEM_JSON)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /**
     * Where the message stands at the gateway; empty when the gateway does not answer with its state.
     *
     * @throws org.trm.model.problem.ProtocolException when the answer is not a message status
     */
    public Optional<MessageStatus> status(UUID messageId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url("/local/v1/envelopes/" + messageId))
                .timeout(REQUEST_TIMEOUT).header("Accept", "application/json").GET().build();
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
                    client = HttpClient.newBuilder().sslContext(sslContext()).connectTimeout(CONNECT_TIMEOUT)
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
