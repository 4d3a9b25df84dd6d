package org.trm.model.problem.openapi;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.trm.model.problem.Problem;
import org.trm.model.problem.ProblemCode;

/**
 * An operation's {@code application/problem+json} answers in an OpenAPI document, written from
 * the problem registry: one response per status naming every problem type it may carry, each also
 * an example. The services' OpenAPI filters say which codes an operation answers; how they are
 * described is written once, here. (MicroProfile OpenAPI is an optional dependency of this jar:
 * only a service that documents itself needs it.)
 */
public final class ProblemResponses {
    /** The name of the problem schema among the document's components. */
    public static final String SCHEMA = "Problem";
    private static final String MEDIA_TYPE = Problem.MEDIA_TYPE;

    private ProblemResponses() {
    }

    /** Adds the problem schema to the document's components. */
    public static void addSchema(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        Schema string = OASFactory.createSchema().addType(SchemaType.STRING);
        Schema violation = OASFactory.createSchema().addType(SchemaType.OBJECT)
                .addProperty("field", string).addProperty("message", string);
        api.getComponents().addSchema(SCHEMA, OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("An RFC 9457 problem of the federation's registry; hop names where a relayed refusal happened")
                .addProperty("type", OASFactory.createSchema().addType(SchemaType.STRING).format("uri"))
                .addProperty("title", string)
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER))
                .addProperty("detail", string)
                .addProperty("instance", string)
                .addProperty("hop", string)
                .addProperty("violations", OASFactory.createSchema().addType(SchemaType.ARRAY).items(violation))
                .required(List.of("type", "title", "status")));
    }

    /**
     * Documents {@code codes} as the operation's problem answers, replacing what the scanner put at
     * those statuses; {@code hop} is what the examples name as the refusing hop (null for none).
     */
    public static void document(Operation operation, Collection<? extends ProblemCode> codes, String path, String hop) {
        responses(codes, path, hop).forEach((status, response) -> operation.getResponses()
                .addAPIResponse(String.valueOf(status), response));
    }

    private static Map<Integer, APIResponse> responses(Collection<? extends ProblemCode> codes, String path, String hop) {
        Map<Integer, List<ProblemCode>> byStatus = codes.stream().distinct()
                .collect(Collectors.groupingBy(ProblemCode::status, TreeMap::new, Collectors.toList()));
        Map<Integer, APIResponse> responses = new LinkedHashMap<>();
        byStatus.forEach((status, same) -> {
            var media = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMA));
            for (ProblemCode code : same) {
                Problem example = code.toProblem(null, path, hop);
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("type", example.type());
                value.put("title", example.title());
                value.put("status", example.status());
                value.put("instance", example.instance());
                if (hop != null) {
                    value.put("hop", hop);
                }
                media.addExample(code.type().toString().substring(ProblemCode.PREFIX.length()),
                        OASFactory.createExample().summary(code.title()).value(value));
            }
            String types = same.stream().map(c -> c.type() + " (" + c.title() + ")").collect(Collectors.joining("; "));
            responses.put(status, OASFactory.createAPIResponse().description("Refused: " + types)
                    .content(OASFactory.createContent().addMediaType(MEDIA_TYPE, media)));
        });
        return responses;
    }
}
