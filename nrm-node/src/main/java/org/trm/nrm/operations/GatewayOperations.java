package org.trm.nrm.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.json.Json;
import org.trm.nrm.NrmConfig;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.NrmException;

/**
 * The gateway's operations API ({@code /local/v1/operations}, {@code /local/v1/dead-letters}) for the
 * node's administrators: the console reaches the gateway only through its node, over the node's own
 * mutual-TLS link (TLS configuration {@code federation}). The gateway's answers pass as they are; its
 * refusals keep their problem type and name the gateway as the hop.
 */
@ApplicationScoped
public class GatewayOperations {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @ConfigProperty(name = "nrm.federation.gateway-url")
    Optional<URI> gatewayUrl;

    @Inject
    TlsConfigurationRegistry tls;

    @Inject
    NrmConfig config;

    private volatile HttpClient http;

    /** What the gateway answered: its status and JSON body. */
    public record Answer(int status, JsonNode body) {
    }

    public Answer overview() {
        return call("GET", "/local/v1/operations");
    }

    public Answer deadLetters(int limit) {
        return call("GET", "/local/v1/dead-letters?limit=" + limit);
    }

    public Answer retry(UUID messageId) {
        return call("POST", "/local/v1/dead-letters/" + messageId + "/retry");
    }

    /** The gateway's state of one message this node sent (MessageStatus), or its 404. */
    public Answer envelope(UUID messageId) {
        return call("GET", "/local/v1/envelopes/" + messageId);
    }

    /** What the gateway carried under agreement {@code id} in {@code [from, to)} (common-model's TransportFigures). */
    public Answer transport(String id, Instant from, Instant to) {
        return call("GET", "/local/v1/agreements/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/transport?from="
                + from + "&to=" + to);
    }

    public Answer ping(String country) {
        return call("POST", "/local/v1/operations/ping/" + country);
    }

    private Answer call(String method, String path) {
        URI base = gatewayUrl.orElseThrow(() -> new NrmException(ErrorCode.FEDERATION_DISABLED, "no gateway is configured"));
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Accept", "application/json, " + MediaTypes.PROBLEM_JSON)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> r;
        try {
            r = client().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new NrmException(ErrorCode.FEDERATION_DISABLED, "the gateway did not answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NrmException(ErrorCode.FEDERATION_DISABLED, "interrupted while waiting for the gateway");
        }
        JsonNode body;
        try {
            body = r.body() == null || r.body().isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new NrmException(ErrorCode.FEDERATION_DISABLED, "the gateway answered " + r.statusCode() + " without JSON");
        }
        if (r.statusCode() >= 400 && body instanceof ObjectNode problem && !problem.has("hop")) {
            problem.put("hop", "gateway." + config.country());
        }
        return new Answer(r.statusCode(), body);
    }

    private HttpClient client() throws IOException {
        HttpClient c = http;
        if (c == null) {
            try {
                c = HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1)
                        .sslContext(tls.get("federation").orElseThrow().createSSLContext()).build();
            } catch (Exception e) {
                throw new IOException("no usable TLS configuration 'federation' for the gateway link", e);
            }
            http = c;
        }
        return c;
    }
}
