package org.trm.systemtest.hostile;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.trm.model.code.FormOfExploitation;
import org.trm.model.code.Gender;
import org.trm.model.code.IdentificationStatus;
import org.trm.model.code.MessageType;
import org.trm.model.code.Phase;
import org.trm.model.code.ReferralReason;
import org.trm.model.payload.ReferralPayload;
import org.trm.model.crypto.BodyCipher;
import org.trm.model.envelope.Envelope;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.json.Json;
import org.trm.model.problem.ProblemType;
import org.trm.testkit.pki.Pki;

/**
 * Bad requests at the three borders an envelope crosses (docs/PROTOCOL.md §10): the sending
 * gateway's local endpoint (its own node), the receiving gateway's federation endpoint (a peer
 * gateway) and the receiving node's inbox (its own gateway). Every forgery goes to each border
 * alone and as the one member of a batch; then what is particular to a border: its callers and
 * their certificates, spoofed senders, recipients it does not serve, replays with other bytes.
 */
final class EnvelopeCases {
    /** A border: where envelopes from {@code from} to {@code to} are posted, and by whom rightly. */
    record Border(String name, URI uri, Wire.Identity caller, String from, String to) {
    }

    /** What the federation already holds, for the replays: a referral and its receipt, as the gateways stored them. */
    record Held(UUID conversationId, UUID referralId, String referralJws, UUID receiptId, String receiptJws) {
    }

    private static final String BATCH_LIMIT_NOTE = "a gateway takes 256 envelopes per batch";

    private final Forgeries forge;
    private final Certificates certificates;
    private final Pki pki;
    private final Held held;
    private final List<HostileCase> cases = new ArrayList<>();
    private URI atGateway;

    EnvelopeCases(Pki pki, Forgeries forge, Certificates certificates, Held held) {
        this.pki = pki;
        this.forge = forge;
        this.certificates = certificates;
        this.held = held;
    }

    /** Every case at the three borders of the exchange AT → BG. */
    List<HostileCase> all(URI atGateway, URI bgGateway, URI bgNodeTls) {
        this.atGateway = atGateway;
        Border local = new Border("gateway local endpoint", atGateway.resolve("/local/v1/envelopes"),
                certificates.real("AT", "node"), "AT", "BG");
        Border federation = new Border("gateway federation endpoint", bgGateway.resolve("/federation/v1/envelopes"),
                certificates.real("AT", "gateway"), "AT", "BG");
        Border inbox = new Border("node inbox", bgNodeTls.resolve("/federation/v1/inbox"),
                certificates.real("BG", "gateway"), "AT", "BG");
        for (Border border : List.of(local, federation, inbox)) {
            forgeries(border);
            contentTypes(border);
            sizes(border);
            replays(border);
        }
        localEndpoint(local, atGateway);
        federationEndpoint(federation, bgGateway);
        nodeInbox(inbox);
        return Collections.unmodifiableList(cases);
    }

    private void forgeries(Border b) {
        for (Forgeries.Forgery f : forge.all(b.from(), b.to())) {
            add(b.name() + ": forged envelope", f.name(), b, single(b, f.jws()), f.expect(), f.jws());
            if (f.jws().length() < 60_000) {
                add(b.name() + ": forged envelope in a batch", f.name(), b, batch(b, List.of(f.jws())),
                        new Expect.InBatch(f.expect()), f.jws());
            }
        }
    }

    private void contentTypes(Border b) {
        Expect.Problem unsupported = Expect.of(ProblemType.UNSUPPORTED_MEDIA_TYPE);
        for (String type : new String[] {null, "application/json", "text/plain", MediaTypes.ENVELOPE_JWS + "X",
                "application/trm-envelope+json", "application/jose", "application/octet-stream",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/trm-envelope"}) {
            String jws = forge.signed(forge.envelope(b.from(), b.to()));
            add(b.name() + ": content type", "one envelope as " + (type == null ? "no Content-Type" : type), b,
                    request(b.uri(), type, jws.getBytes(StandardCharsets.US_ASCII)), unsupported, jws);
        }
        String batch = Json.write(Map.of("envelopes", List.of(forge.signed(forge.envelope(b.from(), b.to())))));
        add(b.name() + ": content type", "a batch as " + MediaTypes.ENVELOPE_BATCH + "X", b,
                request(b.uri(), MediaTypes.ENVELOPE_BATCH + "X", batch.getBytes(StandardCharsets.UTF_8)), unsupported, batch);
        add(b.name() + ": content type", "a batch as application/json", b,
                request(b.uri(), "application/json", batch.getBytes(StandardCharsets.UTF_8)), unsupported, batch);
        String jws = forge.signed(forge.envelope(b.from(), b.to()));
        add(b.name() + ": content type", "one envelope declared a batch", b,
                request(b.uri(), MediaTypes.ENVELOPE_BATCH, jws.getBytes(StandardCharsets.US_ASCII)), Expect.of(ProblemType.MALFORMED), jws);
        Expect.Problem malformed = Expect.of(ProblemType.MALFORMED);
        for (String[] body : new String[][] {{"a batch of invalid JSON", "{\"envelopes\":["}, {"a batch that is an array", "[]"},
                {"a batch whose envelopes are a string", "{\"envelopes\":\"x\"}"}, 
                {"a batch without envelopes", "{}"}, {"a batch with an unknown member", "{\"envelopes\":[],\"from\":\"AT\"}"}}) {
            add(b.name() + ": malformed batch", body[0], b,
                    request(b.uri(), MediaTypes.ENVELOPE_BATCH, body[1].getBytes(StandardCharsets.UTF_8)), malformed, body[1]);
        }
        // Not a batch at all: "envelopes" is an array of strings, and JSON types are never coerced (§3, §9).
        add(b.name() + ": malformed batch", "a batch whose envelope is a number", b,
                request(b.uri(), MediaTypes.ENVELOPE_BATCH, "{\"envelopes\":[1]}".getBytes(StandardCharsets.UTF_8)),
                malformed, "");
    }

    private void sizes(Border b) {
        Expect.Problem tooLarge = Expect.of(ProblemType.TOO_LARGE);
        boolean node = b.name().equals("node inbox");
        String big = forge.oversized(b.from(), b.to(), 1 << 20);
        add(b.name() + ": size", "one envelope of 1 MiB", b, single(b, big), tooLarge, big);
        byte[] huge = new byte[17 << 20];
        java.util.Arrays.fill(huge, (byte) 'A');
        add(b.name() + ": size", "a body of 17 MiB, above the server's read limit", b,
                request(b.uri(), MediaTypes.ENVELOPE_JWS, huge), tooLarge, "AAAAAAAAAAAAAAAA");
        List<String> many = new ArrayList<>();
        String one = forge.signed(forge.envelope(b.from(), b.to()));
        for (int i = 0; i < 257; i++) {
            many.add(one);
        }
        // 257 copies of one valid envelope: over the gateway's count limit, and over the node's 64 KiB.
        add(b.name() + ": size", "a batch of 257 envelopes (" + BATCH_LIMIT_NOTE + ")", b, batch(b, many), tooLarge, one);
        if (node) {
            String over = forge.oversized(b.from(), b.to(), 64 * 1024 + 1);
            add(b.name() + ": size", "one envelope just above the node's 64 KiB", b, single(b, over), tooLarge, over);
        } else {
            String over = forge.oversized(b.from(), b.to(), Forgeries.MAX_ENVELOPE + 1);
            add(b.name() + ": size", "a batch holding one envelope above 65,536 characters", b, batch(b, List.of(over)),
                    new Expect.InBatch(tooLarge), over);
        }
    }

    /** The same messageId as a message the federation holds, with other bytes: 409 at every hop (§8). */
    private void replays(Border b) {
        Expect.Problem conflict = Expect.of(ProblemType.DUPLICATE_CONFLICT);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Envelope otherBody = forge.envelope(held.referralId(), b.from(), b.to(), now, Duration.ofDays(7), "other content");
        add(b.name() + ": replay", "the referral's messageId with another body", b, single(b, forge.signed(otherBody)), conflict, "");
        Envelope otherTime = forge.envelope(held.referralId(), b.from(), b.to(), now.minusSeconds(7), Duration.ofDays(3), "a test");
        add(b.name() + ": replay", "the referral's messageId with other times", b, single(b, forge.signed(otherTime)), conflict, "");
        Envelope referral = new Envelope(1, held.referralId(), held.conversationId(), null, MessageType.REFERRAL, b.from(), b.to(),
                now, now.plus(Duration.ofDays(7)), BodyCipher.encrypt(Map.of("v", 1), pki.encryptionKey(b.to())));
        add(b.name() + ": replay", "the referral's ids, a new signature over a new body", b, single(b, forge.signed(referral)), conflict, "");
        add(b.name() + ": replay", "the referral's messageId, other bytes, in a batch", b,
                batch(b, List.of(forge.signed(otherBody))), new Expect.InBatch(conflict), "");
        // The attack: the (r, n − s) twin of the very message stored, another hash for the same message.
        String twin = Forgeries.highS(held.referralJws());
        add(b.name() + ": replay", "the high-S twin of the stored referral", b, single(b, twin), Expect.HIGH_S, twin);
        String spaced = held.referralJws().replaceFirst("\\.", ". ");
        add(b.name() + ": replay", "the stored referral with a space inside", b, single(b, spaced), Expect.of(ProblemType.MALFORMED), spaced);
    }

    private void localEndpoint(Border b, URI gateway) {
        String cat = b.name() + ": caller";
        Expect.Problem notAllowed = Expect.gateway(403, "caller-not-allowed");
        String jws = forge.signed(forge.envelope("AT", "BG"));
        for (Wire.Identity caller : List.of(certificates.real("BG", "node"), certificates.real("AT", "gateway"),
                certificates.real("AT", "operator"), certificates.real("RO", "node"), certificates.federationIssued("FR", "node"),
                certificates.federationIssued("AT", "admin"))) {
            add(cat, "a valid envelope from a caller that is not AT's node", caller, single(b, jws), notAllowed, jws);
        }
        tlsRefusals(cat, b, jws, "node", "AT");
        String status = "/local/v1/envelopes/" + held.referralId();
        for (Wire.Identity caller : List.of(certificates.real("BG", "node"), certificates.real("BG", "operator"),
                certificates.real("AT", "gateway"), certificates.real("RO", "gateway"))) {
            add(b.name() + ": caller", "a message's status", caller, get(gateway.resolve(status)), notAllowed, "");
        }
        // AT's own node may: it relays them to its operators' console (PROTOCOL.md 10.2); another country's may not.
        for (Wire.Identity caller : List.of(certificates.real("BG", "node"), certificates.real("BG", "operator"), certificates.real("AT", "gateway"))) {
            add(cat, "the dead letters", caller, get(gateway.resolve("/local/v1/dead-letters?limit=10")), notAllowed, "");
            add(cat, "a retry of a dead letter", caller, request("POST", gateway.resolve("/local/v1/dead-letters/" + held.referralId() + "/retry"),
                    null, new byte[0]), notAllowed, "");
        }
        add(cat, "the agreements", certificates.real("BG", "node"), get(gateway.resolve("/local/v1/agreements")), notAllowed, "");
        Wire.Identity operator = certificates.real("AT", "operator");
        add(b.name() + ": operator", "a retry of a message that is not dead", operator,
                request("POST", gateway.resolve("/local/v1/dead-letters/" + held.referralId() + "/retry"), null, new byte[0]),
                Expect.gateway(409, "not-dead"), "");
        add(b.name() + ": operator", "a retry of an unknown message", operator,
                request("POST", gateway.resolve("/local/v1/dead-letters/" + UUID.randomUUID() + "/retry"), null, new byte[0]),
                Expect.gateway(404, "not-found"), "");
        add(b.name() + ": operator", "a retry with SQL as the id", operator,
                request("POST", gateway.resolve("/local/v1/dead-letters/" + enc("' OR '1'='1") + "/retry"), null, new byte[0]),
                Expect.gateway(404, "not-found"), "' OR '1'='1");
        add(b.name() + ": operator", "the dead letters with a script as limit", operator,
                get(gateway.resolve("/local/v1/dead-letters?limit=" + enc("<script>alert(1)</script>"))),
                Expect.gateway(400, "bad-request"), "<script>");
        add(b.name() + ": caller", "the status of a message with SQL as the id", b.caller(),
                get(gateway.resolve("/local/v1/envelopes/" + enc("1 OR 1=1; --"))), Expect.gateway(404, "not-found"), "OR 1=1");

        // A node may speak only for its own country.
        add(b.name() + ": spoofed from", "from BG, signed with BG's key, sent by AT's node", b,
                single(b, forge.signed(forge.envelope("BG", "AT"))), Expect.of(ProblemType.SENDER_MISMATCH), "");
        add(b.name() + ": spoofed from", "from RO, signed with RO's key, sent by AT's node", b,
                single(b, forge.signed(forge.envelope("RO", "BG"))), Expect.of(ProblemType.SENDER_MISMATCH), "");
        add(b.name() + ": recipient", "to RO, with which AT has no agreement", b,
                single(b, forge.signed(forge.envelope("AT", "RO"))), Expect.of(ProblemType.NO_AGREEMENT), "");
        add(b.name() + ": recipient", "to FR, no participant", b, single(b, forge.signed(toUnknown("AT", "FR"))),
                Expect.of(ProblemType.UNKNOWN_RECIPIENT), "");
        add(b.name() + ": method", "GET on the envelopes", b, get(b.uri()), Expect.gateway(405, "method-not-allowed"), "");
        add(b.name() + ": method", "DELETE of a message", b, request("DELETE", gateway.resolve(status), null, null),
                Expect.gateway(405, "method-not-allowed"), "");
    }

    private void federationEndpoint(Border b, URI gateway) {
        String cat = b.name() + ": caller";
        Expect.Problem notAllowed = Expect.gateway(403, "caller-not-allowed");
        String jws = forge.signed(forge.envelope("AT", "BG"));
        for (Wire.Identity caller : List.of(certificates.real("AT", "node"), certificates.real("AT", "operator"),
                certificates.real("BG", "gateway"), certificates.real("BG", "node"), certificates.real("BG", "operator"))) {
            add(cat, "a valid envelope from AT from a caller that is not a peer gateway", caller, single(b, jws), notAllowed, jws);
        }
        Expect.Problem mismatch = Expect.of(ProblemType.SENDER_MISMATCH);
        for (Wire.Identity caller : List.of(certificates.real("RO", "gateway"), certificates.federationIssued("FR", "gateway"))) {
            add(cat, "a valid envelope from AT from another country's gateway", caller, single(b, jws), mismatch, jws);
        }
        tlsRefusals(cat, b, jws, "gateway", "AT");
        add(b.name() + ": spoofed from", "from RO, signed with RO's key, sent by AT's gateway", b,
                single(b, forge.signed(forge.envelope("RO", "BG"))), mismatch, "");
        add(b.name() + ": spoofed from", "from BG to BG's own gateway, sent by AT's gateway", b,
                single(b, forge.signed(forge.envelope("BG", "AT"))), mismatch, "");
        add(b.name() + ": spoofed from", "from RO in a batch, sent by AT's gateway", b,
                batch(b, List.of(forge.signed(forge.envelope("RO", "BG")))), new Expect.InBatch(mismatch), "");
        add(b.name() + ": recipient", "to RO, at BG's gateway", b,
                single(b, forge.signed(forge.envelope("AT", "RO"))), Expect.of(ProblemType.NOT_SERVED_HERE), "");
        add(b.name() + ": recipient", "to FR, at BG's gateway", b, single(b, forge.signed(toUnknown("AT", "FR"))),
                Expect.of(ProblemType.NOT_SERVED_HERE), "");
        Envelope receiptReplay = forge.envelope(held.receiptId(), "BG", "AT", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                Duration.ofDays(7), "not the receipt");
        add(b.name() + ": replay", "the receipt's messageId with other bytes, back at AT's gateway", certificates.real("BG", "gateway"),
                new Wire.Request("POST", atGateway.resolve("/federation/v1/envelopes"), Map.of("Content-Type", MediaTypes.ENVELOPE_JWS),
                        forge.signed(receiptReplay).getBytes(StandardCharsets.US_ASCII)), Expect.of(ProblemType.DUPLICATE_CONFLICT), "");
        String twin = Forgeries.highS(held.receiptJws());
        add(b.name() + ": replay", "the high-S twin of the stored receipt, back at AT's gateway", certificates.real("BG", "gateway"),
                new Wire.Request("POST", atGateway.resolve("/federation/v1/envelopes"), Map.of("Content-Type", MediaTypes.ENVELOPE_JWS),
                        twin.getBytes(StandardCharsets.US_ASCII)), Expect.HIGH_S, twin);
        add(b.name() + ": method", "GET on the federation endpoint", b, get(b.uri()), Expect.gateway(405, "method-not-allowed"), "");
        add(b.name() + ": path", "an unknown path", b, get(gateway.resolve("/federation/v1/../../etc/passwd")),
                Expect.gateway(404, "not-found"), "passwd");
    }

    private void nodeInbox(Border b) {
        String cat = b.name() + ": caller";
        Expect.Problem mismatch = Expect.of(ProblemType.SENDER_MISMATCH);
        String jws = forge.signed(forge.envelope("AT", "BG"));
        for (Wire.Identity caller : List.of(certificates.real("AT", "gateway"), certificates.real("RO", "gateway"),
                certificates.real("BG", "node"), certificates.real("BG", "operator"), certificates.real("AT", "node"),
                certificates.federationIssued("FR", "gateway"), certificates.federationIssued("BG", "admin"), Wire.Identity.NONE)) {
            add(cat, "a valid envelope from a caller that is not BG's gateway", caller, single(b, jws), mismatch, jws);
        }
        // The node asks for, not requires, a client certificate (users reach the same port): a client
        // offers only a certificate of a CA the server names, so a self-signed one is never sent.
        add(cat, "a valid envelope from a self-signed certificate (not offered: anonymous)", certificates.selfSigned("BG", "gateway"),
                single(b, jws), mismatch, jws);
        for (Wire.Identity caller : List.of(certificates.rogue("BG", "gateway"), certificates.expired("BG", "gateway"))) {
            add(cat, "a valid envelope from a certificate the federation CA did not issue or that expired", caller,
                    single(b, jws), Expect.tlsRefused(), jws);
        }
        add(b.name() + ": recipient", "to RO, at BG's node", b, single(b, forge.signed(forge.envelope("AT", "RO"))),
                Expect.of(ProblemType.NOT_SERVED_HERE), "");
        add(b.name() + ": agreement", "from RO, signed with RO's key, no agreement RO-BG", b,
                single(b, forge.signed(forge.envelope("RO", "BG"))), Expect.of(ProblemType.NO_AGREEMENT), "");
        Envelope toAt = forge.envelope("AT", "BG");
        Envelope wrongKey = new Envelope(1, toAt.messageId(), toAt.conversationId(), null, MessageType.CASE_UPDATE, "AT", "BG",
                toAt.createdAt(), toAt.expiresAt(), BodyCipher.encrypt(Map.of("v", 1, "note", "x"), pki.encryptionKey("AT")));
        add(b.name() + ": body", "a body encrypted for AT, not BG", b, single(b, forge.signed(wrongKey)),
                Expect.of(ProblemType.DECRYPTION_FAILED), "");
        Envelope garbage = new Envelope(1, UUID.randomUUID(), UUID.randomUUID(), null, MessageType.CASE_UPDATE, "AT", "BG",
                toAt.createdAt(), toAt.expiresAt(), "eyJub3QiOiJhIEpXRSJ9.x.y.z.w");
        add(b.name() + ": body", "a body that is no JWE", b, single(b, forge.signed(garbage)), Expect.of(ProblemType.DECRYPTION_FAILED), "");
        add(b.name() + ": conversation", "a CASE_UPDATE in a conversation BG never joined", b,
                single(b, forge.signed(forge.envelope("AT", "BG"))), Expect.of(ProblemType.UNKNOWN_CONVERSATION), "");
        Envelope again = new Envelope(1, UUID.randomUUID(), held.conversationId(), null, MessageType.REFERRAL, "AT", "BG",
                toAt.createdAt(), toAt.expiresAt(), BodyCipher.encrypt(referralPayload(), pki.encryptionKey("BG")));
        add(b.name() + ": conversation", "a new REFERRAL with the conversationId BG already has", b, single(b, forge.signed(again)),
                Expect.of(ProblemType.DUPLICATE_CONFLICT), "");
        add(b.name() + ": method", "GET on the inbox", b, get(b.uri()), Expect.node(405, "method-not-allowed"), "");
    }

    private void tlsRefusals(String category, Border b, String jws, String role, String country) {
        for (Wire.Identity caller : List.of(certificates.rogue(country, role), certificates.selfSigned(country, role),
                certificates.expired(country, role), Wire.Identity.NONE)) {
            add(category, "a valid envelope from a certificate the federation CA did not issue, an expired one, or none",
                    caller, single(b, jws), Expect.tlsRefused(), jws);
        }
    }

    private static ReferralPayload referralPayload() {
        return new ReferralPayload(1, "AT-2026-999999", ReferralReason.ADDITIONAL_SERVICES_REQUIRED, "again",
                IdentificationStatus.PRESUMED, List.of(FormOfExploitation.LABOUR), "AT", "BG", Gender.FEMALE, "18-24", false,
                Phase.IDENTIFICATION, List.of(), null, null);
    }

    private Envelope toUnknown(String from, String to) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new Envelope(1, UUID.randomUUID(), UUID.randomUUID(), null, MessageType.CASE_UPDATE, from, to, now,
                now.plus(Duration.ofDays(7)), BodyCipher.encrypt(Map.of("v", 1), pki.encryptionKey("BG")));
    }

    // --- requests -----------------------------------------------------------------------------------

    private void add(String category, String name, Border b, Wire.Request request, Expect expect, String secret) {
        add(category, name, b.caller(), request, expect, secret);
    }

    private void add(String category, String name, Wire.Identity caller, Wire.Request request, Expect expect, String secret) {
        cases.add(new HostileCase(category, name, caller, request, expect, secret == null || secret.length() < 8 ? List.of() : List.of(secret)));
    }

    private static Wire.Request single(Border b, String jws) {
        return request(b.uri(), MediaTypes.ENVELOPE_JWS, jws.getBytes(StandardCharsets.UTF_8));
    }

    private static Wire.Request batch(Border b, List<String> envelopes) {
        return request(b.uri(), MediaTypes.ENVELOPE_BATCH, Json.write(Map.of("envelopes", envelopes)).getBytes(StandardCharsets.UTF_8));
    }

    private static Wire.Request request(URI uri, String contentType, byte[] body) {
        return request("POST", uri, contentType, body);
    }

    private static Wire.Request request(String method, URI uri, String contentType, byte[] body) {
        return new Wire.Request(method, uri, contentType == null ? Map.of() : Map.of("Content-Type", contentType), body);
    }

    private static Wire.Request get(URI uri) {
        return request("GET", uri, null, null);
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
