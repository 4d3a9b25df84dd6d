package org.trm.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.trm.testkit.token.RealmLogin;

/** One call of a node's REST API as a benchmark makes it: the user's token, JSON, the status it must answer. */
public final class NodeCall {
    private NodeCall() {
    }

    /** The answer's body; a failure names the call, the status and what the node said. */
    public static String send(HttpClient http, String node, RealmLogin login, String method, String path, String body,
            int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + login.token()).header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " at " + node + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
