package org.trm.model.envelope;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Optional;
import java.util.Set;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;

/**
 * The rule every endpoint of the federation follows for request bodies: the {@code Content-Type}
 * must be exactly a media type the endpoint consumes ({@link MediaTypes#is}), else {@code 415
 * unsupported-media-type}. Jakarta REST matches more loosely (a request without a type may reach any
 * method), so this filter runs after matching, in every service that indexes this jar
 * ({@code quarkus.index-dependency.trm-model.*}); each service's problem mapper answers the refusal.
 */
@Provider
public class ExactMediaType implements ContainerRequestFilter {
    private static final Set<Class<? extends Annotation>> NOT_THE_BODY = Set.of(PathParam.class, QueryParam.class,
            HeaderParam.class, CookieParam.class, MatrixParam.class, FormParam.class, BeanParam.class, Context.class);

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method != null) {
            refusal(method, request.getHeaderString(HttpHeaders.CONTENT_TYPE)).ifPresent(detail -> {
                throw new ProtocolException(ProblemType.UNSUPPORTED_MEDIA_TYPE, detail);
            });
        }
    }

    /**
     * Why {@code contentType} is refused for a request to {@code resourceMethod}, or empty when it
     * is taken: it names one of the method's (or its class's) {@code @Consumes} types exactly, or the
     * method takes no body.
     */
    static Optional<String> refusal(Method resourceMethod, String contentType) {
        Consumes consumes = resourceMethod.isAnnotationPresent(Consumes.class) ? resourceMethod.getAnnotation(Consumes.class)
                : resourceMethod.getDeclaringClass().getAnnotation(Consumes.class);
        if (consumes == null || !takesBody(resourceMethod)) {
            return Optional.empty();
        }
        String[] types = consumes.value();
        return MediaTypes.isOneOf(contentType, types) ? Optional.empty()
                : Optional.of("send the body as " + String.join(" or ", types));
    }

    private static boolean takesBody(Method method) {
        for (Parameter p : method.getParameters()) {
            if (NOT_THE_BODY.stream().noneMatch(p::isAnnotationPresent)) {
                return true;
            }
        }
        return false;
    }
}
