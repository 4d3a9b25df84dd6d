package org.trm.nrm.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.json.Json;

/**
 * The audit anchor's calls to the country's gateway ({@code /local/v1/audit-checkpoints}), over the
 * node's mutual-TLS link: the TLS configuration {@code federation} and the gateway URL the outbox
 * uses, read from configuration so that the audit trail does not depend on the referral feature
 * (which records its accesses in the trail). Short timeouts: an auditor waits for the answer.
 */
@ApplicationScoped
public class CheckpointClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String PATH = "/local/v1/audit-checkpoints";

    @ConfigProperty(name = "nrm.federation.gateway-url")
    Optional<URI> gatewayUrl;

    @Inject
    TlsConfigurationRegistry tls;

    private HttpClient http;

    /** A checkpoint as the gateway holds it. */
    public record Held(long seq, String hash, Instant issuedAt) {
        static Held of(JsonNode n) {
            return new Held(n.path("seq").asLong(), n.path("hash").asText(), Instant.parse(n.path("issuedAt").asText()));
        }
    }

    /** The gateway's answer to a checkpoint: taken (200, 201), or refused with a problem's type and detail. */
    public record Answer(int status, String problemType, String detail) {
        public boolean taken() {
            return status == 200 || status == 201;
        }
    }

    public Answer hand(String jws) throws IOException, InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(url(PATH)).header("Content-Type", MediaTypes.AUDIT_CHECKPOINT_JWS)
                .POST(HttpRequest.BodyPublishers.ofString(jws)));
        if (r.statusCode() == 200 || r.statusCode() == 201) {
            return new Answer(r.statusCode(), null, null);
        }
        JsonNode problem = readOrEmpty(r.body());
        return new Answer(r.statusCode(), problem.path("type").asText("status " + r.statusCode()),
                problem.path("detail").asText(""));
    }

    /** Checkpoints after {@code seq}, in sequence order, at most {@code limit}. */
    public List<Held> after(long seq, int limit) throws IOException, InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(url(PATH + "?after=" + seq + "&limit=" + limit)).GET());
        if (r.statusCode() != 200) {
            throw new IOException("the gateway answered " + r.statusCode() + " for its checkpoints");
        }
        List<Held> held = new ArrayList<>();
        Json.MAPPER.readTree(r.body()).forEach(n -> held.add(Held.of(n)));
        return held;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client().send(request.timeout(TIMEOUT).header("Accept", "application/json, " + MediaTypes.PROBLEM_JSON)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) throws IOException {
        return gatewayUrl.orElseThrow(() -> new IOException("nrm.federation.gateway-url is not set")).resolve(path);
    }

    private synchronized HttpClient client() throws IOException {
        if (http == null) {
            try {
                http = HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1)
                        .sslContext(tls.get("federation").orElseThrow().createSSLContext()).build();
            } catch (Exception e) {
                throw new IOException("no usable TLS configuration 'federation' for the gateway link", e);
            }
        }
        return http;
    }

    private static JsonNode readOrEmpty(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException | RuntimeException e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
