package org.trm.gateway.directory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.trm.model.directory.DirectoryStore;

/**
 * A directory published by the federation operator, fetched over HTTPS with the gateway's TLS
 * context (the federation CA), or the JDK's CAs when it has none; taken as changed when its
 * content is.
 */
final class HttpsDirectorySource implements DirectoryStore.Source {
    private final URI uri;
    private final HttpClient http;
    private String seenContent;

    HttpsDirectorySource(URI uri, Optional<SSLContext> tls) {
        this.uri = uri;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        tls.ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    @Override
    public synchronized Optional<String> readIfChanged() throws IOException {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching the directory");
        }
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        String body = response.body();
        if (body.equals(seenContent)) {
            return Optional.empty();
        }
        seenContent = body;
        return Optional.of(body);
    }
}
