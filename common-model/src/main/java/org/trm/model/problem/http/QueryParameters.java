package org.trm.model.problem.http;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The rule for {@code @QueryParam} values in every service that indexes this jar
 * ({@code quarkus.index-dependency.trm-model.*}): one that does not convert to the parameter's type
 * is {@code 400} ({@link InvalidQueryParameter}). Jakarta REST answers a failed query-parameter
 * conversion with 404, as if the resource did not exist; a path parameter that does not convert
 * still is 404, since the path names no resource then. Converts as Jakarta REST does, by the type's
 * {@code valueOf(String)}, {@code fromString(String)} (first for an enum) or {@code String}
 * constructor; a type with none of these keeps the framework's own conversion.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class QueryParameters implements ParamConverterProvider {

    @Override
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = Arrays.stream(annotations).filter(QueryParam.class::isInstance).map(a -> ((QueryParam) a).value())
                .findFirst().orElse(null);
        if (name == null || rawType == String.class) {
            return null;
        }
        Class<?> type = MethodType.methodType(rawType).wrap().returnType();
        MethodHandle factory = factory(type);
        return factory == null ? null : new Converter<>(factory, "query parameter '" + name + "' must be " + expected(type));
    }

    private record Converter<T>(MethodHandle factory, String detail) implements ParamConverter<T> {
        @Override
        @SuppressWarnings("unchecked")
        public T fromString(String value) {
            if (value == null) {
                return null;
            }
            try {
                return (T) factory.invoke(value);
            } catch (WebApplicationException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new InvalidQueryParameter(detail, e);
            }
        }

        @Override
        public String toString(T value) {
            return value == null ? null : value.toString();
        }
    }

    private static MethodHandle factory(Class<?> type) {
        MethodType fromString = MethodType.methodType(type, String.class);
        String[] names = type.isEnum() ? new String[] {"fromString", "valueOf"} : new String[] {"valueOf", "fromString"};
        for (String method : names) {
            try {
                return MethodHandles.publicLookup().findStatic(type, method, fromString);
            } catch (ReflectiveOperationException e) {
                // not this one: try the next way
            }
        }
        try {
            return MethodHandles.publicLookup().findConstructor(type, MethodType.methodType(void.class, String.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** What the parameter takes, as a refusal says it: from its type, never from the value sent. */
    private static String expected(Class<?> type) {
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
        }
        return "a valid value";
    }
}
