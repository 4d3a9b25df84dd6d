package org.trm.model.payload;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;
import org.trm.model.json.Json;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;

/**
 * Body of a DELIVERY_FAILURE: which message died on its way ({@code messageId} and the SHA-256 of
 * its JWS), where ({@code hop}: {@code gateway.<CC>} or {@code node.<CC>}), why ({@code problem}, a
 * type URI of the problem registry, or {@code about:blank} when the hop named none), and when.
 * {@code detail} is written by the gateway that gives up, never copied from the hop's answer, so it
 * carries no personal data.
 * <p>
 * Signed by a gateway, and not encrypted: the body is the payload JSON in base64url. Every hop on
 * the way back must read it (the sender's gateway checks the hash against the message it forwarded
 * and tells its operator why it died), and nothing in it is more than the gateways already see.
 */
public record DeliveryFailure(int v, UUID messageId, String sha256, String hop, String problem, String detail,
        Instant failedAt) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern HOP = Pattern.compile("(gateway|node)\\.[A-Z]{2}");
    private static final int MAX_TEXT = 300;

    public DeliveryFailure {
        require(v == Payloads.VERSION, "unsupported payload version");
        require(messageId != null, "missing messageId");
        require(sha256 != null && SHA256.matcher(sha256).matches(), "sha256 must be 64 lower-case hex digits");
        require(hop != null && HOP.matcher(hop).matches(), "hop must be gateway.<CC> or node.<CC>");
        require(problem != null && !problem.isBlank() && problem.length() <= MAX_TEXT, "missing problem");
        require(detail == null || detail.length() <= MAX_TEXT, "detail too long");
        require(failedAt != null, "missing failedAt");
    }

    /** The envelope's {@code body}: this payload's JSON, base64url without padding. */
    public String toBody() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(this).getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a DELIVERY_FAILURE's body; anything but base64url of this payload's JSON is MALFORMED. */
    public static DeliveryFailure fromBody(String body) {
        String json;
        try {
            json = new String(Base64.getUrlDecoder().decode(body), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ProblemType.MALFORMED, "a delivery failure's body is base64url JSON", e);
        }
        return Json.read(json, DeliveryFailure.class);
    }

    /** The reason as a sender's thread and its gateway's operator show it: hop and problem, then the detail. */
    public String reason() {
        String reason = "failed at " + hop + ": " + problem + (detail == null ? "" : " (" + detail + ")");
        return reason.length() > MAX_TEXT ? reason.substring(0, MAX_TEXT) : reason;
    }

    private static void require(boolean condition, String detail) {
        if (!condition) {
            throw new ProtocolException(ProblemType.MALFORMED, detail);
        }
    }
}
