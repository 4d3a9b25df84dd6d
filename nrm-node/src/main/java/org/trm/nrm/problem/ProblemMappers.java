package org.trm.nrm.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.trm.model.code.Code;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.problem.Incident;
import org.trm.model.problem.Problem;
import org.trm.model.problem.ProblemCode;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;
import org.trm.model.problem.http.InvalidQueryParameter;
import org.trm.nrm.NrmConfig;

/**
 * The one place where failures become {@code application/problem+json}, with the codes of the one
 * registry ({@link ErrorCode}, {@link ProblemType}). Details are built from what the API knows
 * (field paths, code lists), never from the rejected value, so nothing a caller sent (possibly
 * personal data) is echoed or logged.
 */
@ApplicationScoped
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /**
     * Where the country's gateway delivers: these endpoints take envelopes, not JSON documents, and
     * a caller who is not the own gateway is refused in the protocol's terms (sender-mismatch).
     */
    private static final String FEDERATION_PATHS = "/federation/";

    @Inject
    NrmConfig config;

    @ServerExceptionMapper
    public Response refused(NrmException e, HttpServerRequest request) {
        return problem(e.code(), e.getMessage(), request, null);
    }

    /** A federation message refused in the protocol's own problem types, naming this node as the hop. */
    @ServerExceptionMapper
    public Response refused(ProtocolException e, HttpServerRequest request) {
        return Response.status(e.problem().status()).type(Problem.MEDIA_TYPE).entity(refusal(e, request.path()))
                .build();
    }

    /** The problem of a federation refusal, logged: for a whole request, or for one envelope of a batch. */
    public Problem refusal(ProtocolException e, String instance) {
        LOG.infof("federation message refused: %s (%s)", e.problem().type(), e.getMessage());
        return e.problem().toProblem(e.getMessage(), instance, "node." + config.country());
    }

    /** Listed one by one: the JSON extension maps some of these subtypes itself, and the most specific wins. */
    @ServerExceptionMapper({ JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, UnrecognizedPropertyException.class, InvalidFormatException.class,
            ValueInstantiationException.class, InvalidDefinitionException.class })
    public Response json(JsonProcessingException e, HttpServerRequest request) {
        if (brokenSyntax(e)) {
            // A syntax error inside a field's value (a truncated body, a bad escape) reaches here wrapped
            // with the field's path; it is still JSON that is not well-formed, not a value out of range.
            return problem(ErrorCode.MALFORMED_JSON, "the body is not well-formed JSON", request, null);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return problem(ErrorCode.UNKNOWN_FIELD, "unknown field '" + path(u) + "'", request, null);
        }
        if (e instanceof InvalidFormatException f) {
            return problem(ErrorCode.INVALID_VALUE, invalidValue(f, f.getTargetType()), request, null);
        }
        if (e instanceof ValueInstantiationException v) {
            return problem(ErrorCode.INVALID_VALUE, invalidValue(v, v.getType().getRawClass()), request, null);
        }
        if (e instanceof MismatchedInputException m) {
            if (m.getPath().isEmpty()) {
                return problem(ErrorCode.MALFORMED_JSON, "the body is not the expected JSON object", request, null);
            }
            return problem(ErrorCode.INVALID_VALUE, invalidValue(m, m.getTargetType()), request, null);
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return problem(ErrorCode.INVALID_VALUE, invalidValue(m, null), request, null);
        }
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return problem(ErrorCode.MALFORMED_JSON, "the body is not well-formed JSON" + where, request, null);
    }

    private static boolean brokenSyntax(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException) {
                return true;
            }
        }
        return false;
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, HttpServerRequest request) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        return problem(ErrorCode.VALIDATION_FAILED, violations.size() + " field(s) failed validation", request,
                violations);
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class })
    public Response unauthenticated(RuntimeException e, HttpServerRequest request) {
        if (request.path().startsWith(FEDERATION_PATHS)) {
            return refused(new ProtocolException(ProblemType.SENDER_MISMATCH, request.sslSession() == null
                    ? "deliveries come over mutual TLS only" : "a gateway client certificate is required"), request);
        }
        return Response.fromResponse(problem(ErrorCode.UNAUTHENTICATED,
                "the bearer token is missing, expired, not signed by the trusted issuer or not meant for this node",
                request, null)).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        if (request.path().startsWith(FEDERATION_PATHS)) {
            return refused(new ProtocolException(ProblemType.SENDER_MISMATCH, "only this country's gateway delivers here"),
                    request);
        }
        return problem(ErrorCode.FORBIDDEN, "the caller's roles do not allow this operation", request, null);
    }

    @ServerExceptionMapper({ OptimisticLockException.class, StaleStateException.class })
    public Response stale(RuntimeException e, HttpServerRequest request) {
        return problem(ErrorCode.VERSION_MISMATCH, "another change was saved first; read the resource again",
                request, null);
    }

    /** A query parameter of the wrong type: the caller's mistake, not a missing resource (common-model's rule). */
    @ServerExceptionMapper
    public Response invalidQuery(InvalidQueryParameter e, HttpServerRequest request) {
        return problem(ErrorCode.INVALID_VALUE, e.getMessage(), request, null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        // The JSON reader wraps some Jackson failures in a 400; answer them as if thrown directly.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return json(json, request);
            }
        }
        if (e instanceof NotAllowedException) {
            return problem(ErrorCode.METHOD_NOT_ALLOWED, "method " + request.method() + " is not allowed here",
                    request, null);
        }
        if (e instanceof NotSupportedException) {
            return problem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "send the body as " + consumed(request), request, null);
        }
        if (e instanceof NotAcceptableException) {
            return problem(ErrorCode.NOT_ACCEPTABLE, "this resource answers application/json", request, null);
        }
        if (status == 404) {
            return problem(ErrorCode.NOT_FOUND, "no resource at this path", request, null);
        }
        if (status == 413) {
            return problem(ProblemType.TOO_LARGE, "the body exceeds the size limit", request, null);
        }
        if (status >= 400 && status < 500) {
            return problem(ErrorCode.INVALID_VALUE, "the request could not be read", request, null);
        }
        return unexpected(e, request);
    }

    /**
     * An unexpected failure. Its message and stack trace are not logged: database errors quote the
     * statements and rows they failed on, which may be personal data. The log line and the answer
     * share an {@link Incident} id, with the SQL state if any, which is what an operator needs to
     * start looking; the trace is in the incident category, off unless turned on.
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        Incident incident = Incident.of(e);
        if (DatabaseOutage.causes(e)) {
            // Refused whole (a read after waiting, a write at once): nothing half-done to report.
            LOG.warnf("%s %s -> 503, the database cannot be reached: %s", request.method(), request.path(), incident);
            return Response.fromResponse(problem(ErrorCode.DATABASE_UNAVAILABLE, "try again in a few seconds", request, null))
                    .header(HttpHeaders.RETRY_AFTER, 5).build();
        }
        LOG.errorf("%s %s -> 500, %s", request.method(), request.path(), incident);
        return problem(ErrorCode.INTERNAL_ERROR, incident + " was logged; retrying may help", request, null);
    }

    /** The media types the endpoint at the request's path takes, as a refusal names them. */
    private static String consumed(HttpServerRequest request) {
        return request.path().startsWith(FEDERATION_PATHS)
                ? MediaTypes.ENVELOPE_JWS + " or " + MediaTypes.ENVELOPE_BATCH
                : "application/json";
    }

    /** Builds the response and logs the refusal: 4xx at INFO (the caller's fault), 5xx at ERROR. */
    static Response problem(ProblemCode code, String detail, HttpServerRequest request,
            List<Problem.Violation> violations) {
        if (code.status() < 500) {
            LOG.infof("%s %s -> %d %s", request.method(), request.path(), code.status(), code.type());
        }
        Problem body = code.toProblem(detail, request.path(), violations);
        return Response.status(code.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    private static String invalidValue(JsonMappingException e, Class<?> target) {
        String detail = "invalid value for '" + path(e) + "'";
        if (target != null && target.isEnum()) {
            detail += "; expected one of " + Arrays.stream(target.getEnumConstants())
                    .map(c -> c instanceof Code code ? code.code() : ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
        } else if (target != null) {
            detail += "; expected " + simpleType(target);
        }
        return detail;
    }

    private static String simpleType(Class<?> target) {
        if (Number.class.isAssignableFrom(target) || target.isPrimitive() && target != boolean.class) {
            return "a number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (target.getName().startsWith("java.time")) {
            return "an ISO-8601 date or time";
        }
        if (target == java.util.UUID.class) {
            return "a UUID";
        }
        if (java.util.Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "an array";
        }
        return target == String.class ? "a string" : "an object";
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "(body)" : path;
    }

    private static String field(ConstraintViolation<?> violation) {
        String parameter = null;
        StringBuilder property = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getName() == null) {
                    continue;
                }
                if (!property.isEmpty()) {
                    property.append('.');
                }
                property.append(node.getName());
                if (node.getIndex() != null) {
                    property.append('[').append(node.getIndex()).append(']');
                }
            }
        }
        return !property.isEmpty() ? property.toString() : parameter == null ? "(request)" : parameter;
    }
}
