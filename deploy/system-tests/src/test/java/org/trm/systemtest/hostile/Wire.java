package org.trm.systemtest.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Raw HTTP for hostile requests: exactly the headers a case names (no Content-Type unless it sets
 * one, which REST Assured would add), any bytes as the body, and per caller its own TLS client
 * certificate or none. A TLS refusal is an answer too ({@link Answer#tlsRefused()}).
 */
final class Wire {
    /** A caller: a PKCS12 keystore with its client certificate, or none. */
    record Identity(String name, Path keystore) {
        static final Identity NONE = new Identity("no certificate", null);
    }

    /** What came back: a status, headers (lower-case names) and body, or the TLS handshake's refusal. */
    record Answer(int status, Map<String, String> headers, String body, String tlsError) {
        boolean tlsRefused() {
            return tlsError != null;
        }

        String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    /** One request as a case states it; {@code headers} may hold Content-Type, Authorization, If-Match. */
    record Request(String method, URI uri, Map<String, String> headers, byte[] body) {
        String describe() {
            return method + " " + uri.getPath() + (uri.getQuery() == null ? "" : "?" + uri.getQuery());
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path truststore;
    private final char[] password;
    private final Map<Identity, HttpClient> clients = new ConcurrentHashMap<>();

    Wire(Path truststore, String password) {
        this.truststore = truststore;
        this.password = password.toCharArray();
    }

    Answer send(Identity caller, Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(TIMEOUT)
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        try {
            HttpResponse<InputStream> response = client(caller).send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            try (InputStream in = response.body()) {
                return new Answer(response.statusCode(), headers, new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
            }
        } catch (IOException e) {
            if (!"https".equals(request.uri().getScheme())) {
                throw new AssertionError("no answer from " + request.uri(), e);
            }
            // A certificate the server does not take ends the TLS handshake; under TLS 1.3 the client
            // learns it on its first read (an alert, or the connection closed or reset).
            return new Answer(0, Map.of(), "", e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private HttpClient client(Identity caller) {
        return clients.computeIfAbsent(caller, c -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).sslContext(sslContext(c.keystore())).build());
    }

    private SSLContext sslContext(Path keystore) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (InputStream in = java.nio.file.Files.newInputStream(truststore)) {
                trust.load(in, password);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (keystore != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (InputStream in = java.nio.file.Files.newInputStream(keystore)) {
                    keys.load(in, password);
                }
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the TLS material " + keystore, e);
        }
    }
}
