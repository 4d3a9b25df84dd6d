package org.trm.gateway.openapi;

import static org.trm.gateway.problem.GatewayError.CALLER_NOT_ALLOWED;
import static org.trm.gateway.problem.GatewayError.CHECKPOINT_REWIND;
import static org.trm.gateway.problem.GatewayError.DIRECTORY_UNAVAILABLE;
import static org.trm.gateway.problem.GatewayError.INTERNAL;
import static org.trm.gateway.problem.GatewayError.NOT_DEAD;
import static org.trm.gateway.problem.GatewayError.NOT_FOUND;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.PathItem.HttpMethod;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.problem.ProblemCode;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.openapi.ProblemResponses;

/**
 * Completes the gateway's OpenAPI document from the problem registry: for each operation, its
 * {@code application/problem+json} answers, one response per status naming every problem type it
 * may carry (each also an example), and for the envelope endpoints the two request media types,
 * one envelope or a batch. Which problems an operation answers is written once, here.
 */
public class ProblemAnswers implements OASFilter {
    private static final String JSON = "application/json";

    /** What the border check, or the store behind it, may refuse an envelope for; a batch as a whole too. */
    private static final List<ProblemCode> ENVELOPE = List.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
            ProblemType.TOO_LARGE, ProblemType.MALFORMED, ProblemType.SENDER_MISMATCH, ProblemType.DISALLOWED_ALGORITHM,
            ProblemType.UNKNOWN_KEY, ProblemType.KEY_NOT_OF_SENDER, ProblemType.BAD_SIGNATURE, ProblemType.EXPIRED,
            ProblemType.UNKNOWN_RECIPIENT, ProblemType.PARTICIPANT_INACTIVE, ProblemType.NO_AGREEMENT,
            ProblemType.AGREEMENT_EXPIRED, ProblemType.AGREEMENT_NOT_YET_VALID, ProblemType.TYPE_NOT_COVERED,
            ProblemType.DUPLICATE_CONFLICT, CALLER_NOT_ALLOWED, DIRECTORY_UNAVAILABLE, INTERNAL);

    /** The problems each operation answers, by path and method. */
    static final Map<String, Map<HttpMethod, List<ProblemCode>>> ANSWERS = Map.of(
            "/federation/v1/envelopes", Map.of(HttpMethod.POST, with(ENVELOPE, ProblemType.NOT_SERVED_HERE)),
            "/local/v1/envelopes", Map.of(HttpMethod.POST, ENVELOPE),
            "/local/v1/envelopes/{messageId}", Map.of(HttpMethod.GET, List.of(NOT_FOUND, CALLER_NOT_ALLOWED, INTERNAL)),
            "/local/v1/dead-letters", Map.of(HttpMethod.GET, List.of(CALLER_NOT_ALLOWED, INTERNAL)),
            "/local/v1/dead-letters/{messageId}/retry",
            Map.of(HttpMethod.POST, List.of(NOT_FOUND, NOT_DEAD, CALLER_NOT_ALLOWED, INTERNAL)),
            "/local/v1/agreements", Map.of(HttpMethod.GET, List.of(CALLER_NOT_ALLOWED, DIRECTORY_UNAVAILABLE, INTERNAL)),
            "/local/v1/agreements/{id}/revisions",
            Map.of(HttpMethod.GET, List.of(NOT_FOUND, CALLER_NOT_ALLOWED, DIRECTORY_UNAVAILABLE, INTERNAL)),
            "/local/v1/audit-checkpoints", Map.of(
                    HttpMethod.POST, List.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, ProblemType.TOO_LARGE, ProblemType.MALFORMED,
                            ProblemType.DISALLOWED_ALGORITHM, ProblemType.UNKNOWN_KEY, ProblemType.KEY_NOT_OF_SENDER,
                            ProblemType.BAD_SIGNATURE, ProblemType.NON_CANONICAL_SIGNATURE, ProblemType.SENDER_MISMATCH,
                            CHECKPOINT_REWIND, CALLER_NOT_ALLOWED,
                            DIRECTORY_UNAVAILABLE, INTERNAL),
                    HttpMethod.GET, List.of(CALLER_NOT_ALLOWED, INTERNAL)),
            "/local/v1/audit-checkpoints/latest", Map.of(HttpMethod.GET, List.of(NOT_FOUND, CALLER_NOT_ALLOWED, INTERNAL)));

    /** The envelope endpoints: one envelope, or a batch, per request. */
    private static final List<String> ENVELOPE_PATHS = List.of("/federation/v1/envelopes", "/local/v1/envelopes");

    @Override
    public void filterOpenAPI(OpenAPI api) {
        ProblemResponses.addSchema(api);
        // Envelope endpoints read their body as bytes (a JWS is checked byte for byte), so the batch's shape is stated here.
        api.getComponents().addSchema("EnvelopeBatch", OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("Several envelopes in one request, each a JWS in compact serialisation, answered in order")
                .addProperty("envelopes", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .items(OASFactory.createSchema().addType(SchemaType.STRING)))
                .required(List.of("envelopes")));
        ANSWERS.forEach((path, operations) -> {
            PathItem item = api.getPaths() == null ? null : api.getPaths().getPathItem(path);
            if (item == null) {
                return;
            }
            operations.forEach((method, codes) -> {
                Operation operation = item.getOperations().get(method);
                if (operation != null) {
                    // Without a federation certificate no request gets past the TLS handshake: there is no 401 to document.
                    operation.getResponses().removeAPIResponse("401");
                    if (ENVELOPE_PATHS.contains(path)) {
                        describeEnvelopeExchange(operation);
                    }
                    ProblemResponses.document(operation, codes, path, "gateway.AT");
                }
            });
        });
    }

    /**
     * Both kinds of request of an envelope endpoint and their answers: one envelope is stored (202)
     * or found stored with the same content (200); a batch is answered 200 with each envelope's
     * result, in order, refusals as problems.
     */
    private static void describeEnvelopeExchange(Operation operation) {
        Content body = OASFactory.createContent()
                .addMediaType(MediaTypes.ENVELOPE_JWS, OASFactory.createMediaType().schema(OASFactory.createSchema()
                        .addType(SchemaType.STRING).description("One envelope: a JWS in compact serialisation")))
                .addMediaType(MediaTypes.ENVELOPE_BATCH, OASFactory.createMediaType().schema(ref("EnvelopeBatch")));
        operation.setRequestBody(OASFactory.createRequestBody().required(true).content(body));
        operation.getResponses().addAPIResponse("202", OASFactory.createAPIResponse()
                .description("The envelope is stored durably; this gateway relays it from now on")
                .content(json(ref("MessageStatus"))));
        operation.getResponses().addAPIResponse("200", OASFactory.createAPIResponse()
                .description("One envelope stored before with the same content (its current state), or a batch's results")
                .content(json(OASFactory.createSchema().addOneOf(ref("MessageStatus")).addOneOf(ref("BatchOutcome")))));
    }

    private static Content json(Schema schema) {
        return OASFactory.createContent().addMediaType(JSON, OASFactory.createMediaType().schema(schema));
    }

    private static Schema ref(String schema) {
        return OASFactory.createSchema().ref(schema);
    }

    private static List<ProblemCode> with(List<ProblemCode> codes, ProblemCode more) {
        List<ProblemCode> all = new ArrayList<>(codes);
        all.add(more);
        return List.copyOf(all);
    }
}
