package org.trm.nrm.problem;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.trm.model.problem.ProblemType;

/**
 * The refusals of an endpoint beyond those its signature implies (a body, a path parameter, an
 * {@code If-Match}, the caller's roles: see {@link ProblemAnswers}): the domain rules its service
 * enforces. Read into the OpenAPI document, where clients learn which problems to expect.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Refuses {
    /** The node's own codes. */
    ErrorCode[] value() default {};

    /** Codes of the protocol's part of the registry. */
    ProblemType[] protocol() default {};
}
