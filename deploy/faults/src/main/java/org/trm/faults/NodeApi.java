package org.trm.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.trm.testkit.token.RealmLogin;

/** A country's node at its public REST API, as its national coordinator (a real token of the country's realm). */
final class NodeApi {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** What the node answered. */
    record Answer(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    final String country;
    private final String url;
    private final RealmLogin login;

    NodeApi(String country, String url, String realmUrl) {
        this.country = country;
        this.url = url;
        this.login = RealmLogin.coordinator(realmUrl);
    }

    /**
     * One request; a 401 gets one more try with a new token (a realm whose keys changed). Throws
     * when the node does not answer within {@code timeout}.
     */
    Answer call(String method, String path, String body, Duration timeout) throws IOException, InterruptedException {
        Answer answer = once(method, path, body, timeout);
        if (answer.status() == 401) {
            login.forget();
            answer = once(method, path, body, timeout);
        }
        return answer;
    }

    private Answer once(String method, String path, String body, Duration timeout) throws IOException, InterruptedException {
        String token;
        try {
            token = login.token();
        } catch (IllegalStateException e) {
            throw new IOException("no token: " + e.getMessage(), e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(timeout)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }
}
