package dev.operon.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Turns audit values into canonical JSON text (sorted keys) with secrets redacted. */
final class AuditJson {

    static final String REDACTED = "***";
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(password|passwd|secret|token|api[-_]?key|authorization|credential|private[-_]?key).*");

    private AuditJson() {
    }

    static String canonical(ObjectMapper mapper, Object value) {
        if (value == null) {
            return null;
        }
        JsonNode tree = value instanceof JsonNode node ? node.deepCopy() : mapper.valueToTree(value);
        try {
            return mapper.writeValueAsString(normalise(mapper, tree));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit value is not serialisable: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode normalise(ObjectMapper mapper, JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = mapper.createObjectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(String::compareTo);
            for (String name : names) {
                JsonNode child = node.get(name);
                sorted.set(name, SECRET_KEY.matcher(name).matches() && !child.isNull()
                        ? TextNode.valueOf(REDACTED) : normalise(mapper, child));
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode array = mapper.createArrayNode();
            node.forEach(child -> array.add(normalise(mapper, child)));
            return array;
        }
        return node;
    }
}
