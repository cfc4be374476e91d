package dev.operon.core.tasks;

import dev.operon.sdk.operation.AllowedValues;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Derives a JSON Schema (draft 2020-12) from a record: components become properties, Jakarta Validation
 * constraints become schema keywords. Derived once per class and cached; the API, the CLI and the console forms
 * all read the same schema. Constraints are read from the record's accessors, where Java places annotations
 * written on record components whose target does not include RECORD_COMPONENT (as Jakarta Validation's do).
 */
public final class JsonSchemas {

    private static final Map<Class<?>, Map<String, Object>> CACHE = new ConcurrentHashMap<>();
    /** Two or more plain words (letters, digits, {@code _} and {@code -}) separated by {@code |}, nothing else. */
    private static final java.util.regex.Pattern WORD_CHOICE =
            java.util.regex.Pattern.compile("[A-Za-z0-9_-]+(?:\\|[A-Za-z0-9_-]+)+");

    private JsonSchemas() {
    }

    public static Map<String, Object> of(Class<?> type) {
        return CACHE.computeIfAbsent(type, t -> {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            schema.putAll(describe(t, t));
            return Map.copyOf(schema);
        });
    }

    /** Drops the schemas of classes loaded by {@code loader} (an unloaded plugin), so that it can be collected. */
    public static void forget(ClassLoader loader) {
        CACHE.keySet().removeIf(type -> type.getClassLoader() == loader);
    }

    private static Map<String, Object> describe(Type generic, Class<?> raw) {
        Map<String, Object> schema = new LinkedHashMap<>();
        if (raw.isRecord()) {
            schema.put("type", "object");
            Map<String, Object> properties = new LinkedHashMap<>();
            List<String> required = new ArrayList<>();
            for (RecordComponent component : raw.getRecordComponents()) {
                Map<String, Object> property = describe(component.getGenericType(), component.getType());
                constraints(component, property);
                properties.put(component.getName(), property);
                if (component.getAccessor().isAnnotationPresent(NotNull.class) || component.getAccessor().isAnnotationPresent(NotBlank.class)
                        || component.getAccessor().isAnnotationPresent(NotEmpty.class)) {
                    required.add(component.getName());
                }
            }
            schema.put("properties", properties);
            if (!required.isEmpty()) {
                schema.put("required", required);
            }
            schema.put("additionalProperties", false);
        } else if (raw == String.class || raw == char.class || raw == Character.class) {
            schema.put("type", "string");
        } else if (raw == boolean.class || raw == Boolean.class) {
            schema.put("type", "boolean");
        } else if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class
                || raw == short.class || raw == Short.class) {
            schema.put("type", "integer");
        } else if (Number.class.isAssignableFrom(raw) || raw == double.class || raw == float.class) {
            schema.put("type", "number");
        } else if (raw.isEnum()) {
            schema.put("type", "string");
            schema.put("enum", Arrays.stream(raw.getEnumConstants()).map(Object::toString).toList());
        } else if (raw == Instant.class || raw == OffsetDateTime.class) {
            schema.put("type", "string");
            schema.put("format", "date-time");
        } else if (raw == LocalDate.class) {
            schema.put("type", "string");
            schema.put("format", "date");
        } else if (raw == Duration.class) {
            schema.put("type", "string");
            schema.put("format", "duration");
        } else if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            schema.put("type", "array");
            Type item = typeArgument(generic, 0);
            if (raw.isArray()) {
                schema.put("items", describe(raw.getComponentType(), raw.getComponentType()));
            } else if (item instanceof Class<?> itemClass) {
                schema.put("items", describe(itemClass, itemClass));
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            schema.put("type", "object");
            Type value = typeArgument(generic, 1);
            if (value instanceof Class<?> valueClass) {
                schema.put("additionalProperties", describe(valueClass, valueClass));
            }
        } else {
            schema.put("type", "object");
        }
        return schema;
    }

    private static Type typeArgument(Type generic, int index) {
        if (generic instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments().length > index) {
            return parameterized.getActualTypeArguments()[index];
        }
        return null;
    }

    private static void constraints(RecordComponent component, Map<String, Object> property) {
        Min min = component.getAccessor().getAnnotation(Min.class);
        if (min != null) {
            property.put("minimum", min.value());
        }
        Max max = component.getAccessor().getAnnotation(Max.class);
        if (max != null) {
            property.put("maximum", max.value());
        }
        DecimalMin decimalMin = component.getAccessor().getAnnotation(DecimalMin.class);
        if (decimalMin != null) {
            property.put(decimalMin.inclusive() ? "minimum" : "exclusiveMinimum", Double.valueOf(decimalMin.value()));
        }
        DecimalMax decimalMax = component.getAccessor().getAnnotation(DecimalMax.class);
        if (decimalMax != null) {
            property.put(decimalMax.inclusive() ? "maximum" : "exclusiveMaximum", Double.valueOf(decimalMax.value()));
        }
        if (component.getAccessor().isAnnotationPresent(Positive.class)) {
            property.put("exclusiveMinimum", 0);
        }
        if (component.getAccessor().isAnnotationPresent(PositiveOrZero.class)) {
            property.put("minimum", 0);
        }
        Size size = component.getAccessor().getAnnotation(Size.class);
        boolean array = "array".equals(property.get("type"));
        if (size != null) {
            if (size.min() > 0) {
                property.put(array ? "minItems" : "minLength", size.min());
            }
            if (size.max() < Integer.MAX_VALUE) {
                property.put(array ? "maxItems" : "maxLength", size.max());
            }
        }
        if (component.getAccessor().isAnnotationPresent(NotBlank.class) || component.getAccessor().isAnnotationPresent(NotEmpty.class)) {
            property.putIfAbsent(array ? "minItems" : "minLength", 1);
        }
        AllowedValues allowed = component.getAccessor().getAnnotation(AllowedValues.class);
        if (allowed != null && "string".equals(property.get("type"))) {
            property.put("enum", List.of(allowed.value()));
        }
        Pattern pattern = component.getAccessor().getAnnotation(Pattern.class);
        if (pattern != null) {
            property.put("pattern", pattern.regexp());
            // a pattern that is only a choice of words ("open|acknowledged|resolved") is an enum: forms offer it
            if (WORD_CHOICE.matcher(pattern.regexp()).matches() && "string".equals(property.get("type"))) {
                property.putIfAbsent("enum", List.of(pattern.regexp().split("\\|")));
            }
        }
        if (component.getAccessor().isAnnotationPresent(Email.class)) {
            property.put("format", "email");
        }
    }
}
