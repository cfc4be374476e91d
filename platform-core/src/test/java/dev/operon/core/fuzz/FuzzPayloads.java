package dev.operon.core.fuzz;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators of hostile request bodies: odd Unicode (control characters and NUL, bidirectional overrides,
 * emoji and combining sequences, lone surrogates, non-characters), overlong strings, malformed and truncated JSON,
 * invalid UTF-8, deep nesting, huge numbers and wrongly typed members. Each sample says what it is, so a failure
 * names the kind of input as well as the input.
 */
final class FuzzPayloads {

    /** A body to send and a label for failure messages. */
    record Body(String kind, byte[] bytes) {

        Body(String kind, String text) {
            this(kind, text.getBytes(StandardCharsets.UTF_8));
        }

        String preview() {
            String text = new String(bytes, 0, Math.min(bytes.length, 160), StandardCharsets.UTF_8);
            return kind + " (" + bytes.length + " bytes): " + text.replace("\n", "\\n");
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    /** Writes every non-ASCII character as a backslash-u escape: how lone surrogates reach the server intact. */
    static final ObjectMapper ESCAPING = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private FuzzPayloads() {
    }

    static Arbitrary<String> oddText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().withChars("\u202e\u202d\u200f\u200e\u2066\u2067\u2069\u061c")
                        .withCharRange('a', 'f').ofMinLength(1).ofMaxLength(30),
                Arbitraries.of("😀", "👩‍👩‍👧‍👦", "🇫🇷", "e\u0301\u0301\u0301", "\ufeff", "\uffff", "\ufffe",
                        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "漢字", "ﷺ", "\u00ad", "\u2028\u2029").list().ofMinSize(1).ofMaxSize(20)
                        .map(parts -> String.join("", parts)),
                Arbitraries.strings().withCharRange('\ud800', '\udfff').ofMinLength(1).ofMaxLength(4),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1000).ofMaxLength(6_000),
                Arbitraries.of("' OR '1'='1", "'); drop table event; --", "\\", "\\u0000", "%00", "$..*", "{{7*7}}",
                        "<script>alert(1)</script>", "\r\nX-Injected: 1"));
    }

    /** A Tracking API message with odd text in its string members, written plainly or with escapes. */
    static Arbitrary<Body> oddTrackMessages() {
        return Combinators.combine(oddText(), oddText(), oddText(), Arbitraries.of(true, false))
                .as((event, key, value, escaped) -> {
                    Map<String, Object> message = new LinkedHashMap<>();
                    message.put("userId", "fuzz-" + UUID.randomUUID());
                    message.put("event", event);
                    message.put("properties", Map.of(key, value, "plain", "yes"));
                    message.put("context", Map.of("page", Map.of("title", value)));
                    return body(escaped ? "odd text, escaped" : "odd text", message, escaped);
                });
    }

    static Arbitrary<Body> wrongTypes() {
        Arbitrary<Object> anything = Arbitraries.<Object>of(Map.of(), List.of(), 1.5, true, -1, "x", List.of(List.of()));
        return Combinators.combine(Arbitraries.of("userId", "anonymousId", "event", "timestamp", "messageId",
                        "properties", "context", "sentAt", "type", "integrations", "traits"), anything)
                .as((field, value) -> {
                    Map<String, Object> message = new LinkedHashMap<>();
                    message.put("userId", "fuzz-" + UUID.randomUUID());
                    message.put("event", "Wrong Type");
                    message.put(field, value);
                    return body("wrong type of " + field, message, false);
                });
    }

    static Arbitrary<Body> malformed() {
        Arbitrary<Body> truncated = Combinators.combine(oddTrackMessages(), Arbitraries.doubles().between(0, 1))
                .as((whole, at) -> new Body("truncated JSON", java.util.Arrays.copyOf(whole.bytes(),
                        (int) (whole.bytes().length * at))));
        Arbitrary<Body> garbage = Arbitraries.bytes().array(byte[].class).ofMaxSize(300)
                .map(bytes -> new Body("random bytes", bytes));
        Arbitrary<Body> badUtf8 = Arbitraries.of(new byte[] {(byte) 0xc0, (byte) 0x80}, new byte[] {(byte) 0xed,
                        (byte) 0xa0, (byte) 0x80}, new byte[] {(byte) 0xff, (byte) 0xfe}, new byte[] {(byte) 0xe2, 0x28})
                .map(bad -> {
                    byte[] head = "{\"userId\":\"u1\",\"event\":\"".getBytes(StandardCharsets.UTF_8);
                    byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
                    byte[] all = new byte[head.length + bad.length + tail.length];
                    System.arraycopy(head, 0, all, 0, head.length);
                    System.arraycopy(bad, 0, all, head.length, bad.length);
                    System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
                    return new Body("invalid UTF-8", all);
                });
        Arbitrary<Body> deep = Arbitraries.integers().between(200, 5000).map(depth -> new Body("nested " + depth,
                "{\"userId\":\"u1\",\"event\":\"e\",\"properties\":" + "{\"a\":".repeat(depth) + "1"
                        + "}".repeat(depth) + "}"));
        Arbitrary<Body> numbers = Arbitraries.of("1e999999", "-1e-999999", "9".repeat(5000), "NaN", "Infinity",
                        "0x10", "01", "1.", "-")
                .map(n -> new Body("number " + n.substring(0, Math.min(10, n.length())),
                        "{\"userId\":" + n + ",\"event\":\"e\",\"properties\":{\"n\":" + n + "}}"));
        Arbitrary<Body> shapes = Arbitraries.of("", " ", "null", "[]", "[{}]", "\"text\"", "42", "{}", "{\"event\":}",
                        "{\"userId\":\"u\",\"event\":\"e\"}{}", "{\"userId\":\"u\",\"userId\":\"v\",\"event\":\"e\"}",
                        "{\"userId\":\"u\",\"event\":\"e\",}", "{'userId':'u'}", "\ufeff{\"userId\":\"u\",\"event\":\"e\"}")
                .map(text -> new Body("shape", text));
        return Arbitraries.oneOf(truncated, garbage, badUtf8, deep, numbers, shapes, wrongTypes());
    }

    static Arbitrary<Body> anyTrackBody() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, oddTrackMessages()),
                net.jqwik.api.Tuple.of(4, malformed()));
    }

    static Body body(String kind, Object value, boolean escaped) {
        try {
            return new Body(kind, (escaped ? ESCAPING : JSON).writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code count} samples of the arbitrary (jqwik's own random source, outside a property). */
    static <T> List<T> samples(Arbitrary<T> arbitrary, int count) {
        return arbitrary.sampleStream().limit(count).toList();
    }
}
