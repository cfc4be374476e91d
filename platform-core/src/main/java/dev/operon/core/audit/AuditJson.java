package dev.operon.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns audit values into canonical JSON text (object keys sorted by UTF-16 code unit, no whitespace) with secrets
 * redacted: the whole value of any key that names a secret, HTTP credentials ({@code Bearer ...}), passwords in URLs
 * ({@code scheme://user:pass@host}) and {@code password=...} pairs inside strings.
 */
public final class AuditJson {

    static final String REDACTED = "***";

    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|passwd|passphrase|pwd|secret|token"
            + "|api[-_]?key|access[-_]?key|private[-_]?key|authorization|cookie|credential).*");
    private static final Pattern AUTH_SCHEME = Pattern.compile("(?i)^(\\s*(?:bearer|basic|digest)\\s+)\\S.*",
            Pattern.DOTALL);
    // The scheme is bounded and every part possessive: unbounded, a long run of letters without "://" made each
    // start position rescan the rest of the text (quadratic; a 100 KB operation input held a worker for minutes).
    private static final Pattern URL_PASSWORD =
            Pattern.compile("([A-Za-z][A-Za-z0-9+.-]{0,31}+://[^/\\s:@]*+:)[^/\\s@]++@");
    private static final Pattern SECRET_PAIR = Pattern.compile(
            "(?i)\\b(password|passwd|pwd|secret|token|api[-_]?key|access[-_]?key)=([^&;\\s]+)");

    private AuditJson() {
    }

    static String canonical(ObjectMapper mapper, Object value) {
        if (value == null) {
            return null;
        }
        JsonNode tree = value instanceof JsonNode node ? node : mapper.valueToTree(value);
        try {
            return mapper.writer().without(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(normalise(mapper, tree));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit value is not serialisable: " + e.getOriginalMessage(), e);
        }
    }

    /** Whether a field of this name holds a secret (its value is redacted here, and never shown again elsewhere). */
    public static boolean namesASecret(String field) {
        return SECRET_KEY.matcher(field).matches();
    }

    /** True when {@code text} is null or exactly what {@link #canonical} makes of its own parse. */
    static boolean isCanonical(ObjectMapper mapper, String text) {
        if (text == null) {
            return true;
        }
        try {
            return text.equals(canonical(mapper, mapper.readTree(text)));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return false;
        }
    }

    static String redactText(String text) {
        if (AUTH_SCHEME.matcher(text).matches()) {
            return AUTH_SCHEME.matcher(text).replaceFirst("$1" + REDACTED);
        }
        String redacted = URL_PASSWORD.matcher(text).replaceAll("$1" + REDACTED + "@");
        return SECRET_PAIR.matcher(redacted).replaceAll("$1=" + REDACTED);
    }

    // Builds new nodes rather than editing in place, so a caller's JsonNode is never modified.
    private static JsonNode normalise(ObjectMapper mapper, JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = mapper.createObjectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(String::compareTo);
            for (String name : names) {
                JsonNode child = node.get(name);
                sorted.set(name, namesASecret(name) && !child.isNull()
                        ? TextNode.valueOf(REDACTED) : normalise(mapper, child));
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode array = mapper.createArrayNode();
            node.forEach(child -> array.add(normalise(mapper, child)));
            return array;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(redactText(node.textValue()));
        }
        return node;
    }
}
