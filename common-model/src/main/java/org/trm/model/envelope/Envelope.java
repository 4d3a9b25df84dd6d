package org.trm.model.envelope;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.trm.model.code.MessageType;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;

/**
 * The signed part of every federation message. Everything here is visible to gateways; what is
 * about the victim travels only in {@code body}, a JWE for the recipient node.
 */
public record Envelope(int v, UUID messageId, UUID conversationId, UUID inReplyTo, MessageType type,
        String from, String to, Instant createdAt, Instant expiresAt, String body) {

    public static final int VERSION = 1;
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    public Envelope {
        require(v == VERSION, "unsupported envelope version");
        require(messageId != null, "missing messageId");
        require(conversationId != null, "missing conversationId");
        require(type != null, "missing type");
        require(from != null && COUNTRY.matcher(from).matches(), "from must be an ISO 3166 alpha-2 code");
        require(to != null && COUNTRY.matcher(to).matches(), "to must be an ISO 3166 alpha-2 code");
        // A gateway that gives up on its own node's message tells that node: its signal goes from its
        // country to its country. Nothing else ever travels within one country.
        require(!from.equals(to) || type == MessageType.DELIVERY_FAILURE, "from and to must differ");
        require(createdAt != null && expiresAt != null, "missing createdAt or expiresAt");
        require(expiresAt.isAfter(createdAt), "expiresAt must follow createdAt");
        require(body != null && !body.isBlank(), "missing body");
        require(type != MessageType.RECEIPT || inReplyTo != null, "a receipt needs inReplyTo");
        require(type != MessageType.DELIVERY_FAILURE || inReplyTo != null, "a delivery failure needs inReplyTo");
    }

    /** A new envelope created now; {@code conversationId} null starts a new conversation. */
    public static Envelope create(MessageType type, String from, String to, UUID conversationId, UUID inReplyTo,
            Instant now, Duration timeToLive, String body) {
        return new Envelope(VERSION, UUID.randomUUID(), conversationId == null ? UUID.randomUUID() : conversationId,
                inReplyTo, type, from, to, now, now.plus(timeToLive), body);
    }

    private static void require(boolean condition, String detail) {
        if (!condition) {
            throw new ProtocolException(ProblemType.MALFORMED, detail);
        }
    }
}
