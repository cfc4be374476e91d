package dev.operon.core.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.operon.core.api.Problem;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The shape problems of a batch's points, all of them, before the batch is bound to the plugin's input: binding
 * stops at the first value of a wrong type, which would hide every other bad point of the batch from the sender.
 */
final class PointShapes {

    /** As many as the plugin lists for the points it checks itself. */
    static final int MAX_ERRORS = 20;

    private PointShapes() {
    }

    static List<Problem.FieldError> problems(JsonNode points) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (points == null || !points.isArray()) {
            return errors;
        }
        for (int i = 0; i < points.size() && errors.size() < MAX_ERRORS; i++) {
            JsonNode point = points.get(i);
            String at = "points[" + i + "]";
            if (!point.isObject()) {
                errors.add(new Problem.FieldError(at, "must be an object with timestamp and value"));
                continue;
            }
            JsonNode timestamp = point.get("timestamp");
            if (timestamp != null && !timestamp.isNull() && !timestamp.isNumber() && !isTime(timestamp)) {
                errors.add(new Problem.FieldError(at + ".timestamp", "must be an ISO-8601 time or epoch seconds,"
                        + " not " + timestamp));
            }
            JsonNode value = point.get("value");
            if (value != null && !value.isNull() && !value.isNumber() && !isNumberText(value)) {
                errors.add(new Problem.FieldError(at + ".value", "must be a number, not " + value));
            }
            JsonNode labels = point.get("labels");
            if (labels != null && !labels.isNull() && !scalarObject(labels)) {
                errors.add(new Problem.FieldError(at + ".labels", "must be an object of text values"));
            }
        }
        return errors;
    }

    private static boolean isTime(JsonNode node) {
        if (!node.isTextual()) {
            return false;
        }
        try {
            Instant.parse(node.asText());
            return true;
        } catch (DateTimeParseException e) {
            try {
                OffsetDateTime.parse(node.asText());
                return true;
            } catch (DateTimeParseException again) {
                return isNumberText(node);
            }
        }
    }

    private static boolean isNumberText(JsonNode node) {
        if (!node.isTextual()) {
            return false;
        }
        try {
            Double.parseDouble(node.asText().strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean scalarObject(JsonNode node) {
        if (!node.isObject()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            if (fields.next().getValue().isContainerNode()) {
                return false;
            }
        }
        return true;
    }
}
