package dev.operon.core.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.operon.core.api.ApiException;
import dev.operon.core.api.Problem;
import io.quarkus.qute.TemplateData;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Form fields generated from a JSON Schema (as {@code tasks/JsonSchemas} derives it from an input record), and the
 * way back: submitted text to a JSON object, field by field, with the errors named. Objects and arrays are edited
 * as JSON text; the server validates everything again (the schema's patterns are not copied into the page).
 */
final class SchemaForm {

    private SchemaForm() {
    }

    /** Texts that may be longer than this get a text area rather than one line. */
    static final int LONG_TEXT = 200;

    /**
     * One input.
     *
     * @param label    what the page shows: the property as words ({@code incidentId} reads "Incident ID"), or
     *                 their translation
     * @param control  {@code text}, {@code textarea}, {@code number}, {@code checkbox}, {@code select} or
     *                 {@code json}
     * @param name     the form parameter's name (prefix + property)
     * @param max      a number's maximum, or a text's maximum length
     */
    @TemplateData
    record Field(String property, String label, String name, String control, boolean required, String value,
                 boolean checked, List<String> options, String min, String max, String step, String hint) {

        Field withLabel(String label) {
            return new Field(property, label, name, control, required, value, checked, options, min, max, step, hint);
        }
    }

    /** Words written in capitals in a label; the plural adds a small s. */
    private static final Set<String> ACRONYMS = Set.of("id", "url", "json", "ip", "csv", "sla", "smtp", "http",
            "api", "ndcg", "ttl");

    /** {@code seriesName}, {@code series-name} and {@code series_name} all read "Series name"; ids as "ID". */
    static String label(String property) {
        String spaced = property.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('-', ' ').replace('_', ' ').strip();
        if (spaced.isEmpty()) {
            return property;
        }
        List<String> words = new ArrayList<>();
        for (String word : spaced.split(" +")) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (ACRONYMS.contains(lower)) {
                words.add(lower.toUpperCase(Locale.ROOT));
            } else if (lower.endsWith("s") && ACRONYMS.contains(lower.substring(0, lower.length() - 1))) {
                words.add(lower.substring(0, lower.length() - 1).toUpperCase(Locale.ROOT) + "s");
            } else {
                words.add(lower);
            }
        }
        String joined = String.join(" ", words);
        return Character.toUpperCase(joined.charAt(0)) + joined.substring(1);
    }

    @SuppressWarnings("unchecked")
    static List<Field> fields(Map<String, Object> schema, JsonNode values, String prefix) {
        Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        List<String> required = (List<String>) schema.getOrDefault("required", List.of());
        List<Field> fields = new ArrayList<>();
        properties.forEach((property, raw) -> {
            Map<String, Object> spec = (Map<String, Object>) raw;
            JsonNode value = values == null ? null : values.get(property);
            String type = String.valueOf(spec.get("type"));
            String name = prefix + property;
            boolean isRequired = required.contains(property);
            String label = label(property);
            String hint = hint(spec);
            if (spec.containsKey("enum")) {
                fields.add(new Field(property, label, name, "select", isRequired, text(value), false,
                        (List<String>) spec.get("enum"), null, null, null, hint));
            } else if ("boolean".equals(type)) {
                fields.add(new Field(property, label, name, "checkbox", false, "true",
                        value != null && value.asBoolean(), List.of(), null, null, null, hint));
            } else if ("integer".equals(type) || "number".equals(type)) {
                fields.add(new Field(property, label, name, "number", isRequired, text(value), false, List.of(),
                        bound(spec, "minimum"), bound(spec, "maximum"), "integer".equals(type) ? "1" : "any", hint));
            } else if ("object".equals(type) || "array".equals(type)) {
                // text as typed into the form comes back as it was; a value from the API is pretty JSON
                String json = value == null || value.isNull() ? ""
                        : value.isTextual() ? value.asText() : Charts.pretty(value);
                fields.add(new Field(property, label, name, "json", isRequired, json, false, List.of(), null, null,
                        null, hint));
            } else {
                // a text's maximum length is enforced by the browser (the max slot holds it); long texts get room
                String maxLength = spec.get("maxLength") == null ? null : String.valueOf(spec.get("maxLength"));
                String control = maxLength != null && Long.parseLong(maxLength) > LONG_TEXT ? "textarea" : "text";
                fields.add(new Field(property, label, name, control, isRequired, text(value), false, List.of(), null,
                        maxLength, null, hint));
            }
        });
        return fields;
    }

    private static String hint(Map<String, Object> spec) {
        List<String> parts = new ArrayList<>();
        if (spec.get("format") != null) {
            parts.add(switch (String.valueOf(spec.get("format"))) {
                case "date-time" -> "2025-03-01T09:30:00Z";
                case "duration" -> "PT5M";
                case "date" -> "2025-03-01";
                default -> String.valueOf(spec.get("format"));
            });
        }
        if ("array".equals(spec.get("type"))) {
            parts.add("JSON [ ... ]");
        } else if ("object".equals(spec.get("type"))) {
            parts.add("JSON { ... }");
        }
        return String.join(" · ", parts);
    }

    private static String bound(Map<String, Object> spec, String key) {
        Object value = spec.get(key);
        return value == null ? null : new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /**
     * The JSON object for the submitted form: empty inputs are left out (the type's defaults apply), numbers and
     * booleans are typed, JSON inputs parsed. Throws a 422 naming each field that cannot be read.
     */
    @SuppressWarnings("unchecked")
    static ObjectNode read(Map<String, Object> schema, Map<String, String> form, String prefix, Page page) {
        Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        List<Problem.FieldError> errors = new ArrayList<>();
        properties.forEach((property, raw) -> {
            Map<String, Object> spec = (Map<String, Object>) raw;
            String type = String.valueOf(spec.get("type"));
            String given = form.get(prefix + property);
            if ("boolean".equals(type)) {
                node.put(property, given != null && !given.isBlank() && !"false".equals(given));
                return;
            }
            if (given == null || given.isBlank()) {
                return;
            }
            String text = given.strip();
            try {
                switch (type) {
                    case "integer" -> node.put(property, Long.parseLong(text));
                    case "number" -> node.put(property, new BigDecimal(text));
                    case "object", "array" -> node.set(property, Charts.JSON.readTree(text));
                    default -> node.put(property, given);
                }
            } catch (NumberFormatException e) {
                errors.add(new Problem.FieldError(property,
                        page.t("integer".equals(type) ? "form.wholeNumber" : "form.number")));
            } catch (JsonProcessingException e) {
                errors.add(new Problem.FieldError(property, page.tf("form.json", e.getOriginalMessage())));
            }
        });
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return node;
    }
}
