package org.trm.systemtest.hostile;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.trm.model.json.Json;
import org.trm.model.problem.ProblemType;

/**
 * Bad requests at a node's user API (REST, Keycloak bearer tokens): forged, foreign, expired and
 * misdirected tokens and the wrong roles; malformed JSON and wrong media types; and SQL and script
 * fragments in every string field of every input record (nrm-node's {@code rest/*Input} and
 * {@code *Request}), in path and query parameters. A fragment in a field with a code list, pattern
 * or reference is refused for that field; a fragment in free text is data, so that request is
 * refused for another reason (a required field left out, or a resource that does not exist), which
 * still takes the fragment through parsing and validation, and the answer must not echo it.
 */
final class NodeApiCases {
    /** The bearer tokens the cases present. */
    record Tokens(String coordinator, String admin, String auditor, String ngo, String caseWorker, Map<String, String> forged) {
    }

    static final List<String> FRAGMENTS = List.of("' OR '1'='1' --", "'); DROP TABLE case_file; --",
            "<script>alert(document.cookie)</script>", "${jndi:ldap://127.0.0.1:1/x}");

    private static final Expect.Problem VALIDATION = Expect.node(400, "validation-failed");
    private static final Expect.Problem INVALID = Expect.node(400, "invalid-value");
    private static final Expect.Problem NOT_FOUND = Expect.node(404, "not-found");

    private final URI node;
    private final Tokens tokens;
    private final UUID caseId;
    private final UUID conversationId;
    private final List<HostileCase> cases = new ArrayList<>();

    NodeApiCases(URI node, Tokens tokens, UUID caseId, UUID conversationId) {
        this.node = node;
        this.tokens = tokens;
        this.caseId = caseId;
        this.conversationId = conversationId;
    }

    List<HostileCase> all() {
        bodies();
        mediaTypes();
        injection();
        parameters();
        roles();
        tokens();
        return Collections.unmodifiableList(cases);
    }

    // --- inputs and where they go ------------------------------------------------------------------

    /** An input record's endpoint, a valid body for it, and who may send it. */
    private record Input(String name, String method, String path, Map<String, Object> valid, String token) {
    }

    private List<Input> inputs() {
        UUID nowhere = UUID.randomUUID();
        return List.of(
                new Input("CaseInput", "POST", "/api/v1/cases", Map.of("identificationStatus", "PRESUMED",
                        "formsOfExploitation", List.of("Labour"), "citizenship", "BG", "countryOfExploitation", "AT",
                        "sex", "Female", "ageAtIdentification", 24), tokens.coordinator()),
                new Input("ConsentInput", "POST", "/api/v1/cases/" + caseId + "/consents", Map.of("scope", "SHARE_WITH_COUNTRY",
                        "country", "BG", "givenBy", "VICTIM", "language", "bg"), tokens.coordinator()),
                new Input("AssessmentInput", "POST", "/api/v1/cases/" + caseId + "/assessments", Map.of("kind", "RISK",
                        "riskLevel", "LOW", "needs", List.of("ACCOMMODATION"), "summary", "no threat known"), tokens.coordinator()),
                new Input("ReferralRequest", "POST", "/api/v1/cases/" + caseId + "/referrals", Map.of("to", "BG",
                        "reason", "AdditionalServicesRequired", "details", "needs shelter", "includePersonalData", false),
                        tokens.coordinator()),
                new Input("MessageRequest", "POST", "/api/v1/referrals/" + conversationId + "/messages",
                        Map.of("type", "CASE_UPDATE", "note", "placed in a shelter"), tokens.coordinator()),
                new Input("DeclineRequest", "POST", "/api/v1/referrals/" + nowhere + "/decline", Map.of("reason", "no capacity"),
                        tokens.coordinator()),
                new Input("CloseInput", "POST", "/api/v1/cases/" + nowhere + "/actions/close", Map.of("reason", "returned"),
                        tokens.coordinator()),
                new Input("ReflectionPeriodInput", "POST", "/api/v1/cases/" + nowhere + "/actions/start-first-assistance",
                        Map.of("reflectionPeriodStart", "2026-01-01", "reflectionPeriodEnd", "2026-03-01"), tokens.coordinator()),
                new Input("OrganisationInput", "POST", "/api/v1/organisations", Map.of("id", "at-org-hostile", "name", "Hostile NGO",
                        "type", "NGO", "country", "AT"), tokens.admin()),
                new Input("ProceedingInput", "POST", "/api/v1/cases/" + caseId + "/proceedings", Map.of("kind", "CRIMINAL",
                        "status", "OPEN", "authority", "Landesgericht", "fileReference", "12 Hv 3/26", "openedOn", "2026-01-10",
                        "outcome", "pending"), tokens.coordinator()),
                new Input("PersonalDataInput", "PUT", "/api/v1/cases/" + nowhere + "/personal-data", personalData(), tokens.coordinator()),
                new Input("ServiceReferralInput", "POST", "/api/v1/cases/" + caseId + "/services", Map.of("serviceType", "SHELTER",
                        "providerOrganisationId", "at-org-ngo-1"), tokens.coordinator()),
                new Input("ServiceUpdateInput", "PUT", "/api/v1/cases/" + caseId + "/services/" + nowhere, Map.of("status", "ACCEPTED",
                        "outcome", "placed"), tokens.coordinator()),
                new Input("PrenotificationInput", "POST", "/api/v1/cases/" + caseId + "/return-prenotifications", Map.of("to", "BG",
                        "persons", 1, "plannedDeparture", java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30).toString(),
                        "supportNeeds", List.of("ACCOMMODATION")), tokens.coordinator()),
                new Input("DepartureInput", "POST", "/api/v1/referrals/" + conversationId + "/return-departure",
                        Map.of("departedOn", "2026-01-10"), tokens.coordinator()));
    }

    private static Map<String, Object> personalData() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("givenName", "Ana");
        m.put("familyName", "Testova");
        m.put("aliases", "An");
        m.put("dateOfBirth", "1999-04-01");
        m.put("placeOfBirth", "Varna");
        m.put("gender", "Female");
        m.put("languages", "bg, en");
        m.put("address", "Teststrasse 1, Wien");
        m.put("phone", "+43 1 000000");
        m.put("email", "ana@example.org");
        m.put("identityDocument", "P000000");
        m.put("notes", "none");
        return m;
    }

    // --- bodies -------------------------------------------------------------------------------------

    private void bodies() {
        Expect.Problem malformed = Expect.node(400, "malformed-json");
        String nested = "[".repeat(5000) + "]".repeat(5000);
        String[][] broken = {{"an open brace", "{"}, {"a truncated member", "{\"identificationStatus\":"}, {"an open array", "["},
                {"a truncated literal", "nul"}, {"trailing garbage", "{}x"}, {"a trailing comma", "{\"a\":1,}"},
                {"a bad escape", "{\"note\":\"\\u00\"}"}, {"single quotes", "{'type':'CASE_UPDATE'}"},
                {"nesting 5,000 deep", nested}};
        for (Input in : inputs()) {
            for (String[] b : broken) {
                add("node API: malformed JSON", in.name() + ": " + b[0], in.method(), in.path(), in.token(), "application/json",
                        b[1].getBytes(StandardCharsets.UTF_8), malformed, List.of());
            }
            add("node API: malformed JSON", in.name() + ": bytes that are not UTF-8", in.method(), in.path(), in.token(),
                    "application/json", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'}, malformed, List.of());
            String json = Json.write(in.valid());
            add("node API: malformed JSON", in.name() + ": the valid body truncated", in.method(), in.path(), in.token(),
                    "application/json", json.substring(0, json.length() / 2).getBytes(StandardCharsets.UTF_8), malformed, List.of());
            Map<String, Object> unknown = new LinkedHashMap<>(in.valid());
            unknown.put("isAdmin", true);
            add("node API: fields", in.name() + ": an unknown field", in, unknown, Expect.node(400, "unknown-field"));
            add("node API: fields", in.name() + ": a JSON array instead of the object", in.method(), in.path(), in.token(),
                    "application/json", "[]".getBytes(StandardCharsets.UTF_8), Expect.node(400, "malformed-json"), List.of());
            // An action's body is optional (ReflectionPeriodInput): without one it reaches the case, which does not exist.
            add("node API: fields", in.name() + ": an empty body", in.method(), in.path(), in.token(), "application/json",
                    new byte[0], in.name().equals("ReflectionPeriodInput") ? NOT_FOUND : VALIDATION, List.of());
            add("node API: size", in.name() + ": a body above 64 KiB", in.method(), in.path(), in.token(), "application/json",
                    ("{\"note\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8), Expect.of(ProblemType.TOO_LARGE), List.of());
        }
    }

    private void mediaTypes() {
        Expect.Problem unsupported = Expect.of(ProblemType.UNSUPPORTED_MEDIA_TYPE);
        for (Input in : inputs()) {
            byte[] body = Json.write(in.valid()).getBytes(StandardCharsets.UTF_8);
            for (String type : new String[] {null, "text/plain", "application/xml", "application/jsonX",
                    "application/x-www-form-urlencoded", "application/trm-envelope+jws"}) {
                add("node API: content type", in.name() + " as " + (type == null ? "no Content-Type" : type), in.method(), in.path(),
                        in.token(), type, body, unsupported, List.of());
            }
        }
        Expect.Problem notAcceptable = Expect.node(406, "not-acceptable");
        for (String path : List.of("/api/v1/cases", "/api/v1/cases/" + caseId, "/api/v1/referrals")) {
            cases.add(new HostileCase("node API: content type", "GET " + path + " accepting only XML", Wire.Identity.NONE,
                    new Wire.Request("GET", node.resolve(path), Map.of("Authorization", "Bearer " + tokens.coordinator(),
                            "Accept", "application/xml"), null), notAcceptable, List.of()));
        }
    }

    // --- SQL and script fragments -------------------------------------------------------------------

    /** How a field's fragment is refused: for that field, or (free text) for what {@code breaker} does to the body. */
    private record Field(String name, Expect expect, String breaker) {
    }

    private static Field coded(String name) {
        return new Field(name, INVALID, null);
    }

    private static Field constrained(String name) {
        return new Field(name, VALIDATION, null);
    }

    /** Free text: the fragment is data; the body is refused by leaving out the required {@code required}. */
    private static Field text(String name, String required) {
        return new Field(name, VALIDATION, required);
    }

    /** Free text on a resource that does not exist. */
    private static Field textNowhere(String name) {
        return new Field(name, NOT_FOUND, null);
    }

    private Map<String, List<Field>> fields() {
        Map<String, List<Field>> f = new LinkedHashMap<>();
        f.put("CaseInput", List.of(coded("identificationStatus"), coded("formsOfExploitation[]"), constrained("citizenship"),
                constrained("countryOfOrigin"), constrained("countryOfExploitation"),
                new Field("referringOrganisationId", Expect.node(422, "unknown-organisation"), null),
                new Field("leadOrganisationId", Expect.node(422, "unknown-organisation"), null), coded("sex")));
        f.put("ConsentInput", List.of(coded("scope"), constrained("country"), coded("givenBy"), text("guardian", "scope"),
                text("interpreter", "scope"), constrained("language"), coded("givenAt")));
        f.put("AssessmentInput", List.of(coded("kind"), coded("riskLevel"), coded("needs[]"), text("summary", "kind")));
        f.put("ReferralRequest", List.of(constrained("to"), coded("reason"), text("details", "reason"),
                text("consentOverrideReason", "reason")));
        f.put("MessageRequest", List.of(coded("type"), coded("phase"), text("servicesProvided[]", "type"), text("proceedings", "type"),
                text("note", "type"), text("text", "type"), coded("plannedDate"), text("outcome", "type"), coded("contactedOn")));
        f.put("DeclineRequest", List.of(textNowhere("reason")));
        f.put("CloseInput", List.of(textNowhere("reason")));
        f.put("ReflectionPeriodInput", List.of(coded("reflectionPeriodStart"), coded("reflectionPeriodEnd")));
        f.put("OrganisationInput", List.of(constrained("id"), text("name", "type"), coded("type"), constrained("country")));
        f.put("ProceedingInput", List.of(coded("kind"), coded("status"), text("authority", "kind"), text("fileReference", "kind"),
                coded("openedOn"), coded("closedOn"), text("outcome", "kind")));
        f.put("PersonalDataInput", List.of(textNowhere("givenName"), textNowhere("familyName"), textNowhere("aliases"),
                coded("dateOfBirth"), textNowhere("placeOfBirth"), coded("gender"), textNowhere("languages"), textNowhere("address"),
                textNowhere("phone"), constrained("email"), textNowhere("identityDocument"), textNowhere("notes")));
        f.put("ServiceReferralInput", List.of(coded("serviceType"), text("providerOrganisationId", "serviceType")));
        f.put("ServiceUpdateInput", List.of(coded("status"), text("outcome", "status")));
        f.put("PrenotificationInput", List.of(constrained("to"), coded("plannedDeparture"), coded("supportNeeds[]")));
        f.put("DepartureInput", List.of(coded("departedOn")));
        return f;
    }

    private void injection() {
        Map<String, List<Field>> fields = fields();
        for (Input in : inputs()) {
            for (Field field : fields.get(in.name())) {
                for (String fragment : FRAGMENTS) {
                    Map<String, Object> body = new LinkedHashMap<>(in.valid());
                    String name = field.name().replace("[]", "");
                    body.put(name, field.name().endsWith("[]") ? List.of(fragment) : fragment);
                    if (field.breaker() != null) {
                        body.remove(field.breaker());
                    }
                    String how = field.breaker() != null ? ", " + field.breaker() + " left out" : "";
                    add("node API: SQL and script in string fields", in.name() + "." + field.name() + " = " + fragment + how, in, body,
                            field.expect());
                }
            }
        }
    }

    private void parameters() {
        String cat = "node API: SQL and script in parameters";
        for (String fragment : FRAGMENTS) {
            String e = EnvelopeCases.enc(fragment);
            get(cat, "a case id", "/api/v1/cases/" + e, tokens.coordinator(), NOT_FOUND, fragment);
            get(cat, "a conversation id", "/api/v1/referrals/" + e, tokens.coordinator(), NOT_FOUND, fragment);
            get(cat, "an organisation id", "/api/v1/organisations/" + e, tokens.coordinator(), NOT_FOUND, fragment);
            get(cat, "the referrals' direction", "/api/v1/referrals?direction=" + e, tokens.coordinator(), INVALID, fragment);
            get(cat, "the cases' citizenship", "/api/v1/cases?citizenship=" + e, tokens.coordinator(), VALIDATION, fragment);
            get(cat, "the audit's caseId", "/api/v1/audit?caseId=" + e, tokens.auditor(), INVALID, fragment);
            // A search for a fragment finds nothing: it is compared, never run.
            get(cat, "the cases' reference", "/api/v1/cases?reference=" + e, tokens.coordinator(), new Expect.Empty(200), fragment);
            get(cat, "the cases' lead organisation", "/api/v1/cases?leadOrganisationId=" + e, tokens.coordinator(),
                    new Expect.Empty(200), fragment);
        }
    }

    // --- tokens and roles ---------------------------------------------------------------------------

    private void roles() {
        Expect.Problem forbidden = Expect.node(403, "forbidden");
        Input caseInput = inputs().get(0);
        Input referral = inputs().get(3);
        Input organisation = inputs().get(8);
        String cat = "node API: wrong role";
        add(cat, "an auditor opens a case", caseInput.method(), caseInput.path(), tokens.auditor(), "application/json",
                json(caseInput.valid()), forbidden, List.of());
        add(cat, "an NGO refers a case abroad", referral.method(), referral.path(), tokens.ngo(), "application/json",
                json(referral.valid()), forbidden, List.of());
        add(cat, "a case worker refers a case abroad", referral.method(), referral.path(), tokens.caseWorker(), "application/json",
                json(referral.valid()), forbidden, List.of());
        add(cat, "a coordinator registers an organisation", organisation.method(), organisation.path(), tokens.coordinator(),
                "application/json", json(organisation.valid()), forbidden, List.of());
        add(cat, "an admin opens a case", caseInput.method(), caseInput.path(), tokens.admin(), "application/json",
                json(caseInput.valid()), forbidden, List.of());
        // The auditor reads case metadata and timelines; a child's protection records name people, so not those.
        get(cat, "an auditor reads a case's protection records", "/api/v1/cases/" + caseId + "/protection", tokens.auditor(),
                forbidden, "");
        get(cat, "an auditor reads personal data", "/api/v1/cases/" + caseId + "/personal-data", tokens.auditor(), forbidden, "");
        get(cat, "a coordinator reads the audit trail", "/api/v1/audit", tokens.coordinator(), forbidden, "");
        get(cat, "an NGO reads the referrals", "/api/v1/referrals", tokens.ngo(), forbidden, "");
        add(cat, "an NGO erases personal data", "DELETE", "/api/v1/cases/" + caseId + "/personal-data", tokens.ngo(), null, null,
                forbidden, List.of());
    }

    private void tokens() {
        Expect.Problem unauthenticated = Expect.node(401, "unauthenticated");
        Input caseInput = inputs().get(0);
        Input message = inputs().get(4);
        for (Map.Entry<String, String> t : tokens.forged().entrySet()) {
            String cat = "node API: tokens";
            Map<String, String> auth = t.getValue() == null ? Map.of() : Map.of("Authorization", t.getValue());
            for (String path : List.of("/api/v1/cases", "/api/v1/referrals/" + conversationId, "/api/v1/audit")) {
                cases.add(new HostileCase(cat, "GET with " + t.getKey(), Wire.Identity.NONE,
                        new Wire.Request("GET", node.resolve(path), auth, null), unauthenticated, secrets(t.getValue())));
            }
            for (Input in : List.of(caseInput, message)) {
                Map<String, String> headers = new LinkedHashMap<>(auth);
                headers.put("Content-Type", "application/json");
                cases.add(new HostileCase(cat, in.name() + " with " + t.getKey(), Wire.Identity.NONE,
                        new Wire.Request(in.method(), node.resolve(in.path()), headers, json(in.valid())), unauthenticated,
                        secrets(t.getValue())));
            }
        }
    }

    private static List<String> secrets(String authorization) {
        return authorization == null || authorization.length() < 20 ? List.of() : List.of(authorization.substring(authorization.length() - 20));
    }

    // --- helpers ------------------------------------------------------------------------------------

    private void add(String category, String name, Input in, Map<String, Object> body, Expect expect) {
        List<String> secrets = new ArrayList<>();
        for (Object v : body.values()) {
            if (v instanceof String s && FRAGMENTS.contains(s)) {
                secrets.add(s);
            }
        }
        add(category, name, in.method(), in.path(), in.token(), "application/json", json(body), expect, secrets);
    }

    private void add(String category, String name, String method, String path, String token, String contentType, byte[] body,
            Expect expect, List<String> secrets) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        headers.put("Accept", "application/json");
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        if (path.contains("/actions/") || path.endsWith("/personal-data") || (method.equals("PUT"))) {
            headers.put("If-Match", "\"0\"");
        }
        cases.add(new HostileCase(category, name, Wire.Identity.NONE, new Wire.Request(method, node.resolve(path), headers, body),
                expect, secrets));
    }

    private void get(String category, String name, String path, String token, Expect expect, String secret) {
        cases.add(new HostileCase(category, name, Wire.Identity.NONE, new Wire.Request("GET", node.resolve(path),
                Map.of("Authorization", "Bearer " + token, "Accept", "application/json"), null), expect,
                secret.isEmpty() ? List.of() : List.of(secret)));
    }

    private static byte[] json(Object body) {
        return Json.write(body).getBytes(StandardCharsets.UTF_8);
    }
}
