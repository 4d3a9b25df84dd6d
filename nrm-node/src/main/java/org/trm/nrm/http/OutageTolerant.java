package org.trm.nrm.http;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a REST resource: its reads ride out a moment without the database (a PostgreSQL restart, a
 * dropped connection) instead of failing ({@link OutageTolerance}). Every resource with a
 * {@code GET} carries it (an architecture rule checks).
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OutageTolerant {
}
