package org.trm.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.trm.model.directory.Agreement;
import org.trm.model.directory.Directory;
import org.trm.model.directory.FocalPoint;
import org.trm.model.crypto.LowS;
import org.trm.model.directory.DirectoryCodec;
import org.trm.model.crypto.Jwks;
import org.trm.model.directory.Participant;
import org.trm.model.directory.ParticipantStatus;
import org.trm.model.code.MessageType;

/**
 * The JOSE half of deploy/pki (pki.sh runs it from this module's jar): creates missing node
 * signing/encryption JWKs, gateway signing JWKs (for failure signals) and the federation operator
 * key, then writes federation.json and its JWS,
 * signed by the operator key with common-model's DirectoryCodec, so that the gateway and the nodes
 * verify exactly what this tool signs.
 *
 * Agreements: {@code --agreement AT-BG} (or {@code AT-BG-RO}, a multilateral one) is revision 1
 * between the named parties for every message type, with a focal point per party and the return
 * terms below (lead time, follow-ups);
 * {@code --agreements-file FILE} adds agreements written in full, with all their revisions.
 *
 * The directory is re-signed with version+1 when its content changes, or on --bump; otherwise the
 * existing one is kept, so that running pki.sh twice changes nothing.
 */
public final class FederationTool {
    static final Instant AGREEMENTS_FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant AGREEMENTS_UNTIL = Instant.parse("2031-01-01T00:00:00Z");
    /** The agreed time to answer a referral: three days. */
    /** How long the directory vouches for a new node or gateway key: rotate before, as the operator page warns. */
    static final java.time.Duration KEY_LIFETIME = java.time.Duration.ofDays(730);
    static final java.time.Duration RESPONSE_TIME = java.time.Duration.ofDays(3);
    /**
     * The local federation's return terms. Two weeks' notice before a departure: time for the
     * country of return to find a shelter place, arrange reception on arrival and, for a child, its
     * child protection service. Follow-ups one, three and six months after departure: the first
     * weeks back are when reception fails or the exploiters find the person again, so the first
     * report comes after a month; at three months the reintegration support should be under way;
     * at six months the case is either settled or needs a decision on longer support. Real parties
     * agree their own in the agreement.
     */
    static final java.time.Period RETURN_LEAD_TIME = java.time.Period.ofDays(14);
    static final List<java.time.Period> RETURN_FOLLOW_UPS = List.of(java.time.Period.ofMonths(1),
            java.time.Period.ofMonths(3), java.time.Period.ofMonths(6));

    private FederationTool() {
    }

    public static void main(String[] args) throws Exception {
        Path out = null;
        boolean force = false;
        boolean bump = false;
        boolean noAgreements = false;
        List<String> agreements = new ArrayList<>();
        Path agreementsFile = null;
        Map<String, String> urls = new LinkedHashMap<>();
        Map<String, String> defaultUrls = new LinkedHashMap<>();
        List<String> countries = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--force" -> force = true;
                case "--bump" -> bump = true;
                case "--no-agreements" -> noAgreements = true;
                case "--agreement" -> agreements.add(args[++i].toUpperCase());
                case "--agreements-file" -> agreementsFile = Path.of(args[++i]);
                case "--gateway-url" -> put(urls, args[++i]);
                case "--default-url" -> put(defaultUrls, args[++i]);
                default -> countries.add(args[i].toUpperCase());
            }
        }
        if (out == null || countries.isEmpty()) {
            throw new IllegalArgumentException("usage: FederationTool --out DIR [options] CC...");
        }
        if (agreements.isEmpty() && agreementsFile == null && !noAgreements && countries.contains("AT")
                && countries.contains("BG")) {
            agreements.add("AT-BG");
        }

        PublicJsonWebKey operator = key(out.resolve("operator/operator.jwk"), "federation-operator-1", "sig", "ES256", force);
        write(out.resolve("operator/operator-public.jwk"), operator.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));

        List<Participant> participants = new ArrayList<>();
        for (String cc : countries) {
            Path dir = out.resolve(cc.toLowerCase());
            Instant expires = Instant.now().plus(KEY_LIFETIME).truncatedTo(ChronoUnit.SECONDS);
            PublicJsonWebKey sig = key(dir.resolve("node-sig-1.jwk"), cc + "-sig-1", "sig", "ES256", force, expires);
            PublicJsonWebKey enc = key(dir.resolve("node-enc-1.jwk"), cc + "-enc-1", "enc", "ECDH-ES+A256KW", force, expires);
            List<Map<String, Object>> keys = List.of(
                    sig.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY),
                    enc.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            write(dir.resolve("node-public.jwks"), new org.jose4j.jwk.JsonWebKeySet(List.of(sig, enc))
                    .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            // The gateway's own key signs its DELIVERY_FAILURE signals only; listed apart from the node's.
            PublicJsonWebKey gatewaySig = key(dir.resolve("gateway-sig-1.jwk"), cc + "-gw-sig-1", "sig", "ES256", force, expires);
            String url = urls.getOrDefault(cc, defaultUrls.get(cc));
            participants.add(new Participant(cc, "TRM " + cc, url, ParticipantStatus.ACTIVE, keys,
                    List.of(gatewaySig.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY))));
        }
        List<Agreement> agreementList = new ArrayList<>();
        for (String a : agreements) {
            String[] parties = a.split("-");
            if (parties.length < 2 || !countries.containsAll(List.of(parties))) {
                throw new IllegalArgumentException("agreement " + a + " must name two or more of " + countries);
            }
            agreementList.add(new Agreement(a, 1, List.of(parties), EnumSet.allOf(MessageType.class),
                    AGREEMENTS_FROM, AGREEMENTS_UNTIL, RESPONSE_TIME,
                    java.util.Arrays.stream(parties).map(FederationTool::focalPoint).toList(), RETURN_LEAD_TIME,
                    RETURN_FOLLOW_UPS));
        }
        if (agreementsFile != null) {
            agreementList.addAll(readAgreements(agreementsFile, countries));
        }

        Path json = out.resolve("federation.json");
        Path jws = out.resolve("federation.jws");
        int version = 1;
        if (Files.exists(json) && !force) {
            String text = Files.readString(json);
            Directory current;
            try {
                current = DirectoryCodec.parse(text);
            } catch (org.trm.model.problem.ProtocolException e) {
                // Written under an earlier protocol (a message type since removed): signed anew, newer than it.
                current = null;
                version = org.trm.model.json.Json.MAPPER.readTree(text).path("version").asInt(0) + 1;
                System.out.println("pki: the directory in " + json + " is not one this protocol reads (" + e.getMessage()
                        + "): signing version " + version);
            }
            if (current != null) {
                boolean same = sameContent(current.participants(), participants)
                        && sameContent(current.agreements(), agreementList);
                // A directory signed before signers made low-S signatures is refused everywhere now: sign it anew.
                if (same && !bump && Files.exists(jws) && !LowS.isHigh(Files.readString(jws).strip())) {
                    System.out.println("pki: directory version " + current.version() + " unchanged");
                    return;
                }
                version = current.version() + 1;
            }
        }
        Directory directory = new Directory(version, Instant.now().truncatedTo(ChronoUnit.SECONDS), participants,
                agreementList);
        write(json, org.trm.model.json.Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(directory));
        write(jws, DirectoryCodec.sign(directory, operator));
        System.out.println("pki: directory version " + version + " signed (" + countries.size() + " participants, "
                + agreementList.size() + " agreements)");
    }

    /**
     * The local federation's focal point of a country: its national coordinator's office, reached
     * through a functional mailbox (example.org names, so that nothing real is written by a test).
     */
    private static FocalPoint focalPoint(String country) {
        return new FocalPoint(country, "National referral mechanism coordinator, " + country,
                "mailto:trm-focal-point@" + country.toLowerCase() + ".example.org");
    }

    /**
     * Agreements as written in full (docs/PROTOCOL.md section 12), every revision of each: a new
     * revision is added to the file beside the older ones, which the directory keeps.
     */
    private static List<Agreement> readAgreements(Path file, List<String> countries) throws IOException {
        Agreement[] read = org.trm.model.json.Json.MAPPER.readValue(Files.readString(file), Agreement[].class);
        for (Agreement a : read) {
            if (!countries.containsAll(a.parties())) {
                throw new IllegalArgumentException("agreement " + a.id() + " names a party that is not one of " + countries);
            }
        }
        return List.of(read);
    }

    private static boolean sameContent(Object a, Object b) {
        // Compare through the codec's JSON so that record equality of nested maps/sets does not matter.
        return org.trm.model.json.Json.write(a).equals(org.trm.model.json.Json.write(b));
    }

    private static void put(Map<String, String> map, String arg) {
        int eq = arg.indexOf('=');
        if (eq != 2) {
            throw new IllegalArgumentException("expected CC=URL, got " + arg);
        }
        map.put(arg.substring(0, 2).toUpperCase(), arg.substring(3));
    }

    /** Loads a private JWK, or creates an EC P-256 one with the given kid, use and alg. */
    private static PublicJsonWebKey key(Path file, String kid, String use, String alg, boolean force) throws Exception {
        return key(file, kid, use, alg, force, null);
    }

    /** A key kept in {@code file}, made there first if need be; {@code expires} (for directory keys) is written into it as {@code exp}. */
    private static PublicJsonWebKey key(Path file, String kid, String use, String alg, boolean force, Instant expires)
            throws Exception {
        if (Files.exists(file) && !force) {
            return PublicJsonWebKey.Factory.newPublicJwk(Files.readString(file));
        }
        EllipticCurveJsonWebKey jwk = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        jwk.setKeyId(kid);
        jwk.setUse(use);
        jwk.setAlgorithm(alg);
        if (expires != null) {
            jwk.setOtherParameter(Jwks.EXPIRES, expires.getEpochSecond());
        }
        write(file, jwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
        return jwk;
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        // Atomic, so that a gateway polling the directory never reads half a file.
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
