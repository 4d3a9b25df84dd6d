package org.trm.gateway.problem;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.trm.gateway.security.CertificateRoles;
import org.trm.gateway.security.Roles;
import org.trm.model.envelope.MediaTypes;
import org.trm.model.identity.CertificateIdentity;
import org.trm.model.problem.Problem;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;

/**
 * The one place where exceptions become {@code application/problem+json} responses: the protocol's
 * types for border refusals, the gateway's own for the rest (bodies made by {@link Problems}).
 */
public class ProblemMapper {

    @Inject
    Problems problems;

    @Inject
    UriInfo uri;

    @Inject
    SecurityIdentity identity;

    @ServerExceptionMapper
    public Response protocol(ProtocolException e) {
        return respond(problems.of(e, uri.getPath()));
    }

    @ServerExceptionMapper
    public Response gateway(GatewayException e) {
        return respond(problems.of(e, uri.getPath()));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e) {
        return gateway(GatewayError.UNAUTHENTICATED, "no client certificate");
    }

    /**
     * A caller without a role the endpoint allows. When its certificate is of a role the endpoint
     * takes, only from another country, the detail says so.
     */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ResourceInfo resource) {
        Optional<CertificateIdentity> caller = CertificateRoles.callerOf(identity);
        Method method = resource == null ? null : resource.getResourceMethod();
        RolesAllowed allowed = method == null ? null : Optional.ofNullable(method.getAnnotation(RolesAllowed.class))
                .orElse(method.getDeclaringClass().getAnnotation(RolesAllowed.class));
        if (caller.isPresent() && allowed != null && Arrays.stream(allowed.value()).map(Roles::certificateRole)
                .anyMatch(caller.get().role()::equals)) {
            return gateway(GatewayError.CALLER_NOT_ALLOWED, "a " + caller.get().role() + " certificate of "
                    + caller.get().country() + " may not call this endpoint");
        }
        return gateway(GatewayError.CALLER_NOT_ALLOWED, "the certificate's role may not call this endpoint");
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return gateway(GatewayError.NOT_FOUND, "no such resource");
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return gateway(GatewayError.METHOD_NOT_ALLOWED, "method not allowed here");
    }

    @ServerExceptionMapper
    public Response notSupported(NotSupportedException e) {
        return respond(problems.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "send " + MediaTypes.ENVELOPE_JWS + " or "
                + MediaTypes.ENVELOPE_BATCH, uri.getPath()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return gateway(status >= 500 ? GatewayError.INTERNAL : GatewayError.BAD_REQUEST, "request not processed");
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 100)
    public Response unexpected(Throwable e) {
        return respond(problems.of(e, uri.getPath()));
    }

    private Response gateway(GatewayError error, String detail) {
        return respond(problems.of(error, detail, uri.getPath()));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
