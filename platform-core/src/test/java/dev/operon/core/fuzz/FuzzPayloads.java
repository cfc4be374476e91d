package dev.operon.core.fuzz;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Seeded generators ({@link Gen}) of hostile request bodies: odd Unicode (control characters and NUL, bidirectional
 * overrides, emoji and combining sequences, lone surrogates, non-characters), overlong strings, injection strings,
 * malformed and truncated JSON, invalid UTF-8, deep nesting, huge numbers and wrongly typed members. Each sample
 * says what it is, so a failure names the kind of input as well as the input.
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

    static Gen<String> oddText() {
        return Gen.oneOf(
                Gen.strings(Gen.chars('\u0000', '\u001f'), 1, 12),
                Gen.strings(Gen.oneOf(Gen.charsOf("\u202e\u202d\u200f\u200e\u2066\u2067\u2069\u061c"),
                        Gen.chars('a', 'f')), 1, 30),
                Gen.of("😀", "👩‍👩‍👧‍👦", "🇫🇷", "e\u0301\u0301\u0301", "\ufeff", "\uffff", "\ufffe",
                        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "漢字", "ﷺ", "\u00ad", "\u2028\u2029").list(1, 20)
                        .map(parts -> String.join("", parts)),
                Gen.strings(Gen.chars('\ud800', '\udfff'), 1, 4),
                Gen.strings(Gen.anyChar(), 1, 40),
                Gen.strings(Gen.chars('a', 'z'), 1000, 6_000),
                Gen.of("' OR '1'='1", "'); drop table event; --", "\\", "\\u0000", "%00", "$..*", "{{7*7}}",
                        "<script>alert(1)</script>", "\r\nX-Injected: 1"));
    }

    /** A Tracking API message with odd text in its string members, written plainly or with escapes. */
    static Gen<Body> oddTrackMessages() {
        Gen<String> text = oddText();
        return random -> {
            String event = text.next(random);
            String key = text.next(random);
            String value = text.next(random);
            boolean escaped = random.nextBoolean();
            Map<String, Object> message = new LinkedHashMap<>();
            // not drawn from the seed: a rerun against the same database must not find the first run's events
            message.put("userId", "fuzz-" + UUID.randomUUID());
            message.put("event", event);
            message.put("properties", Map.of(key, value, "plain", "yes"));
            message.put("context", Map.of("page", Map.of("title", value)));
            return body(escaped ? "odd text, escaped" : "odd text", message, escaped);
        };
    }

    static Gen<Body> wrongTypes() {
        Gen<Object> anything = Gen.of(Map.of(), List.of(), 1.5, true, -1, "x", List.of(List.of()));
        return Gen.combine(Gen.of("userId", "anonymousId", "event", "timestamp", "messageId", "properties",
                        "context", "sentAt", "type", "integrations", "traits"), anything, (field, value) -> {
                    Map<String, Object> message = new LinkedHashMap<>();
                    message.put("userId", "fuzz-" + UUID.randomUUID());
                    message.put("event", "Wrong Type");
                    message.put(field, value);
                    return body("wrong type of " + field, message, false);
                });
    }

    static Gen<Body> malformed() {
        Gen<Body> truncated = Gen.combine(oddTrackMessages(), Gen.doubles(0, 1),
                (whole, at) -> new Body("truncated JSON", java.util.Arrays.copyOf(whole.bytes(),
                        (int) (whole.bytes().length * at))));
        Gen<Body> garbage = Gen.bytes(0, 300).map(bytes -> new Body("random bytes", bytes));
        Gen<Body> badUtf8 = Gen.of(new byte[] {(byte) 0xc0, (byte) 0x80}, new byte[] {(byte) 0xed,
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
        Gen<Body> deep = Gen.ints(200, 5000).map(depth -> new Body("nested " + depth,
                "{\"userId\":\"u1\",\"event\":\"e\",\"properties\":" + "{\"a\":".repeat(depth) + "1"
                        + "}".repeat(depth) + "}"));
        Gen<Body> numbers = Gen.of("1e999999", "-1e-999999", "9".repeat(5000), "NaN", "Infinity", "0x10", "01", "1.",
                        "-")
                .map(n -> new Body("number " + n.substring(0, Math.min(10, n.length())),
                        "{\"userId\":" + n + ",\"event\":\"e\",\"properties\":{\"n\":" + n + "}}"));
        Gen<Body> shapes = Gen.of("", " ", "null", "[]", "[{}]", "\"text\"", "42", "{}", "{\"event\":}",
                        "{\"userId\":\"u\",\"event\":\"e\"}{}", "{\"userId\":\"u\",\"userId\":\"v\",\"event\":\"e\"}",
                        "{\"userId\":\"u\",\"event\":\"e\",}", "{'userId':'u'}", "\ufeff{\"userId\":\"u\",\"event\":\"e\"}")
                .map(text -> new Body("shape", text));
        return Gen.oneOf(truncated, garbage, badUtf8, deep, numbers, shapes, wrongTypes());
    }

    static Gen<Body> anyTrackBody() {
        return Gen.frequency(Gen.weighted(3, oddTrackMessages()), Gen.weighted(4, malformed()));
    }

    static Body body(String kind, Object value, boolean escaped) {
        try {
            return new Body(kind, (escaped ? ESCAPING : JSON).writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How to rerun: added to every failure message of a seeded test. */
    static String reproduce(long seed) {
        return "seed " + seed + " (rerun with -Doperon.fuzz.seed=" + seed + ")";
    }
}
