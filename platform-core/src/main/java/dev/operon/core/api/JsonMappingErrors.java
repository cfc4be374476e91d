package dev.operon.core.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Words a JSON binding error for the person who sent the value: what the field must be ("must be a whole number,
 * not "abc""), or the input type's own refusal, never Jackson's text with Java class names.
 */
public final class JsonMappingErrors {

    private JsonMappingErrors() {
    }

    /** The message for the field at the error's path. */
    public static String describe(JsonMappingException e) {
        if (e instanceof ValueInstantiationException && e.getCause() != null && e.getCause().getMessage() != null) {
            return e.getCause().getMessage();
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            String expected = "must be " + expected(mismatch.getTargetType());
            if (e instanceof InvalidFormatException invalid && invalid.getValue() != null) {
                return expected + ", not \"" + abbreviate(String.valueOf(invalid.getValue())) + "\"";
            }
            return expected;
        }
        return "has the wrong type or format";
    }

    /** What a JSON value bound to {@code type} must be, in words. */
    static String expected(Class<?> type) {
        if (type == int.class || type == long.class || type == short.class || type == Integer.class
                || type == Long.class || type == Short.class || type == BigInteger.class) {
            return "a whole number";
        }
        if (type == double.class || type == float.class || type == Double.class || type == Float.class
                || type == BigDecimal.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "text";
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return "an ISO-8601 time such as 2026-12-01T10:00:00Z";
        }
        if (type == LocalDate.class) {
            return "a date such as 2026-12-01";
        }
        if (type == Duration.class) {
            return "an ISO-8601 duration such as PT15M";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a value of another type";
    }

    private static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
