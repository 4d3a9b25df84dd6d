package org.trm.nrm.problem;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.trm.model.problem.ProblemCode;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.openapi.ProblemResponses;

/**
 * Completes the node's OpenAPI document with every operation's {@code application/problem+json}
 * answers from the problem registry: those its Java signature implies (a JSON body can be
 * malformed, too large or of another media type; a path names a resource that may not exist; an
 * {@code If-Match} may be stale or missing; a user endpoint needs a token and a role) and the
 * domain refusals its method declares with {@link Refuses}. Operation ids name the resource method
 * ({@code quarkus.smallrye-openapi.operation-id-strategy=package-class-method}), which is how each
 * operation is traced to its Java method; the package is then dropped from the id.
 */
public class ProblemAnswers implements OASFilter {
    private static final String FEDERATION = "/federation/";
    private static final String MTLS = "gatewayCertificate";
    private static final Set<Class<? extends Annotation>> NOT_THE_BODY = Set.of(PathParam.class, QueryParam.class,
            HeaderParam.class, CookieParam.class, MatrixParam.class, FormParam.class, BeanParam.class, Context.class);

    @Override
    public void filterOpenAPI(OpenAPI api) {
        ProblemResponses.addSchema(api);
        api.getComponents().addSecurityScheme(MTLS, OASFactory.createSecurityScheme().type(SecurityScheme.Type.MUTUALTLS)
                .description("The client certificate of this country's gateway (OU=gateway, C=the node's country)"));
        api.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((verb, operation) -> {
            Method method = method(operation);
            boolean federation = path.startsWith(FEDERATION);
            if (federation) {
                // The gateway's deliveries: its certificate, not a token, says who calls, so there is no 401.
                operation.getResponses().removeAPIResponse("401");
                operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(MTLS)));
            }
            ProblemResponses.document(operation, codes(method, federation), path, federation ? "node.AT" : null);
            operation.setOperationId(method.getDeclaringClass().getSimpleName() + "_" + method.getName());
        }));
    }

    static List<ProblemCode> codes(Method method, boolean federation) {
        List<ProblemCode> codes = new ArrayList<>();
        if (federation) {
            // Deliveries come from this country's gateway over mTLS: any other caller is a sender mismatch.
            codes.add(ProblemType.SENDER_MISMATCH);
        } else {
            codes.addAll(List.of(ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN));
        }
        for (Parameter parameter : method.getParameters()) {
            if (parameter.isAnnotationPresent(PathParam.class)) {
                codes.add(ErrorCode.NOT_FOUND);
            } else if (parameter.isAnnotationPresent(QueryParam.class)) {
                codes.addAll(List.of(ErrorCode.INVALID_VALUE, ErrorCode.VALIDATION_FAILED));
            } else if (parameter.isAnnotationPresent(HeaderParam.class)
                    && parameter.getAnnotation(HeaderParam.class).value().equalsIgnoreCase(HttpHeaders.IF_MATCH)) {
                codes.addAll(List.of(ErrorCode.VERSION_MISMATCH, ErrorCode.IF_MATCH_REQUIRED));
            } else if (NOT_THE_BODY.stream().noneMatch(parameter::isAnnotationPresent)) {
                codes.addAll(List.of(ProblemType.TOO_LARGE, ProblemType.UNSUPPORTED_MEDIA_TYPE));
                if (takesJson(method)) {
                    codes.addAll(List.of(ErrorCode.MALFORMED_JSON, ErrorCode.INVALID_VALUE, ErrorCode.UNKNOWN_FIELD,
                            ErrorCode.VALIDATION_FAILED));
                }
            }
        }
        Refuses refuses = method.getAnnotation(Refuses.class);
        if (refuses != null) {
            codes.addAll(List.of(refuses.value()));
            codes.addAll(List.of(refuses.protocol()));
        }
        codes.add(ErrorCode.INTERNAL_ERROR);
        return codes;
    }

    private static boolean takesJson(Method method) {
        Consumes consumes = method.isAnnotationPresent(Consumes.class) ? method.getAnnotation(Consumes.class)
                : method.getDeclaringClass().getAnnotation(Consumes.class);
        return consumes == null || Arrays.asList(consumes.value()).contains(MediaType.APPLICATION_JSON);
    }

    /** The resource method an operation id of the package-class-method strategy names. */
    private static Method method(Operation operation) {
        String id = operation.getOperationId();
        int split = id == null ? -1 : id.lastIndexOf('_');
        if (split < 0) {
            throw new IllegalStateException("operation id " + id + " names no resource method");
        }
        try {
            Class<?> type = Class.forName(id.substring(0, split), false, ProblemAnswers.class.getClassLoader());
            String name = id.substring(split + 1);
            return Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no method " + name + " in " + type.getName()));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("operation id " + id + " names no resource class", e);
        }
    }
}
