package dev.operon.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.operon.core.api.ApiException;
import dev.operon.core.api.Problem;
import dev.operon.core.fuzz.Gen;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming batch reader ({@link SegmentRequest#batch}: no tree per message, objects kept as their bytes) against
 * the tree path every single call and import takes (the whole body parsed into nodes, each message read from its
 * node): on 600 seeded batches of valid and invalid messages both give the same events (JSON members compared as
 * JSON) or the same errors, field by field and word for word. No platform start. (A number that underflows a double,
 * such as {@code -1e-999999}, is the one known difference: the tree reads it as -0.0 and stores that, the batch
 * reader refuses it as beyond {@code numeric}, as it always did; see {@link SegmentEventsTest}.)
 */
class SegmentBatchReadingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant RECEIVED = Instant.parse("2026-06-01T12:00:00Z");
    private final SegmentEvents segment = new SegmentEvents(JSON, Instant.parse("1990-01-01T00:00:00Z"),
            Duration.ofDays(366));

    /** What reading a batch gave: the events, or the errors. */
    private record Outcome(List<IncomingEvent> events, List<Problem.FieldError> errors) {
    }

    @Test
    void theStreamingReaderAgreesWithTheTreeOnEveryMessage() throws Exception {
        long seed = Gen.seed(0x5e9_0b47L);
        List<String> bodies = batches().samples(seed, 600);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < bodies.size(); i++) {
            String body = bodies.get(i);
            String what = "sample " + i + " of seed " + seed + " (rerun with -Doperon.fuzz.seed=" + seed + "): " + body;
            Outcome streamed = streamed(body);
            Outcome tree = tree(body);
            assertThat(streamed.errors()).as(what).isEqualTo(tree.errors());
            assertThat(streamed.events()).as(what).hasSameSizeAs(tree.events());
            for (int e = 0; e < tree.events().size(); e++) {
                assertSame(streamed.events().get(e), tree.events().get(e), what);
            }
            accepted += streamed.events().size();
            refused += streamed.errors().isEmpty() ? 0 : 1;
        }
        // the generator must exercise both sides: many events accepted, many batches refused
        assertThat(accepted).isGreaterThan(400);
        assertThat(refused).isGreaterThan(150);
    }

    @Test
    void sizesAreMeasuredOnTheWireAndNonObjectsAreMarked() {
        byte[] body = "{\"batch\":[{\"type\":\"track\"} , 3, null, {\"a\":{\"b\":[1]}}]}".getBytes(StandardCharsets.UTF_8);
        SegmentRequest request = SegmentRequest.batch(JSON, body);
        assertThat(request.sizes()).containsExactly(16, 1, 4, 15);
        assertThat(request.messages()).hasSize(4);
        assertThat(request.messages().get(1)).isNull();
        assertThat(request.messages().get(2)).isNull();
        assertThat(request.messages().get(0).get(SegmentMessage.Member.TYPE)).isEqualTo("track");
    }

    @Test
    void malformedBodiesAreRefusedAsBefore() {
        for (String body : List.of("", "[]", "{\"batch\":[{\"type\":\"track\"}", "{\"batch\":[{\"properties\":{\"a\":}}]}",
                "{\"batch\":[]} x", "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\"}]}}")) {
            assertThatThrownBy(() -> SegmentRequest.batch(JSON, body.getBytes(StandardCharsets.UTF_8)))
                    .as(body).isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                    });
        }
        assertThatThrownBy(() -> SegmentRequest.batch(JSON, "{\"batch\":3}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("batch"));
        assertThatThrownBy(() -> SegmentRequest.batch(JSON, "{\"sentAt\":null}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("required"));
    }

    private Outcome streamed(String body) {
        SegmentRequest request = SegmentRequest.batch(JSON, body.getBytes(StandardCharsets.UTF_8));
        List<Problem.FieldError> errors = new ArrayList<>();
        SegmentEvents.Defaults defaults = defaults(request.top(), errors);
        List<IncomingEvent> events = new ArrayList<>();
        for (int i = 0; i < request.messages().size(); i++) {
            String at = "batch[" + i + "].";
            SegmentMessage message = request.messages().get(i);
            if (message == null) {
                errors.add(SegmentEvents.notAnObject(at));
                continue;
            }
            IncomingEvent event = segment.read(message, null, at, 7L, RECEIVED, defaults, errors);
            if (event != null) {
                events.add(event);
            }
        }
        return new Outcome(events, errors);
    }

    private Outcome tree(String body) throws Exception {
        ObjectNode top = (ObjectNode) JSON.readTree(body);
        List<Problem.FieldError> errors = new ArrayList<>();
        SegmentEvents.Defaults defaults = defaults(top, errors);
        List<IncomingEvent> events = new ArrayList<>();
        JsonNode batch = top.get("batch");
        for (int i = 0; i < batch.size(); i++) {
            IncomingEvent event = segment.read(batch.get(i), null, "batch[" + i + "].", 7L, RECEIVED, defaults,
                    errors);
            if (event != null) {
                events.add(event);
            }
        }
        return new Outcome(events, errors);
    }

    private static SegmentEvents.Defaults defaults(ObjectNode top, List<Problem.FieldError> errors) {
        JsonNode sentAt = top.get("sentAt");
        return new SegmentEvents.Defaults(sentAt == null ? null : SegmentEvents.parseTime(sentAt.textValue()),
                top.get("context") instanceof ObjectNode context ? context : null, null);
    }

    private static void assertSame(IncomingEvent streamed, IncomingEvent tree, String what) throws Exception {
        // message ids made up for messages without one are random: compare them only when sent
        if (!streamed.messageId().equals(tree.messageId())) {
            assertThat(java.util.UUID.fromString(streamed.messageId())).as(what).isNotNull();
            assertThat(java.util.UUID.fromString(tree.messageId())).as(what).isNotNull();
            streamed = new IncomingEvent(streamed.sourceId(), tree.messageId(), streamed.type(), streamed.name(),
                    streamed.userId(), streamed.anonymousId(), streamed.groupId(), streamed.previousId(),
                    streamed.timestamp(), streamed.originalTimestamp(), streamed.sentAt(), streamed.receivedAt(),
                    streamed.properties(), streamed.traits(), streamed.context(), streamed.integrations());
        }
        assertThat(scalars(streamed)).as(what).isEqualTo(scalars(tree));
        assertThat(jsonOf(streamed.properties())).as(what).isEqualTo(jsonOf(tree.properties()));
        assertThat(jsonOf(streamed.traits())).as(what).isEqualTo(jsonOf(tree.traits()));
        assertThat(jsonOf(streamed.context())).as(what).isEqualTo(jsonOf(tree.context()));
        assertThat(jsonOf(streamed.integrations())).as(what).isEqualTo(jsonOf(tree.integrations()));
    }

    private static List<Object> scalars(IncomingEvent e) {
        return java.util.Arrays.asList(e.sourceId(), e.messageId(), e.type(), e.name(), e.userId(), e.anonymousId(),
                e.groupId(), e.previousId(), e.timestamp(), e.originalTimestamp(), e.sentAt(), e.receivedAt());
    }

    private static JsonNode jsonOf(String text) throws Exception {
        return text == null ? null : JSON.readTree(text);
    }

    // ---- generated batches ----

    private static final String[] TYPES = {"\"track\"", "\"identify\"", "\"page\"", "\"screen\"", "\"group\"",
        "\"alias\"", "\"bogus\"", "3", "null", "\"\""};
    private static final String[] IDS = {"\"u-1\"", "\"\u00e9\ud83d\ude00\"", "\"\"", "\"  \"", "12", "1.50", "1e3",
        "-0", "true", "null", "[1]", "{\"a\":1}", "\"a\\u0000b\"", "\"x\\ud800\"", "\"caf\\u00e9\""};
    private static final String[] TIMES = {"\"2026-06-01T10:00:00Z\"", "\"2026-06-01T10:00:00.123456+02:00\"",
        "\"2026-05-31T23:59:59.5\"", "\"2026-06-01\"", "\"yesterday\"", "\"2099-01-01T00:00:00Z\"",
        "\"1980-01-01T00:00:00Z\"", "17", "null", "\"2026-06-01T10:00Z\""};
    private static final String[] OBJECTS = {"{}", "{\"sku\":\"S-1\",\"price\":12.50,\"quantity\":2}",
        "{\"x\":\"a\\u0000b\"}", "{\"n\":1e999999}", "{\"n\":1.5e300,\"m\":-2}",
        "{\"s\":\"\\ud800\"}", "{\"s\":\"\\ud83d\\ude00 \u00e9\"}", "{\"deep\":{\"a\":[1,{\"z\":null}],\"b\":true}}",
        "{\"library\":{\"name\":\"own\"},\"ip\":\"10.0.0.1\"}", "[1,2]", "\"text\"", "null", "7",
        "{\"a\":1,\"a\":2}", "{\"esc\":\"tab\\tquote\\\"back\\\\slash\\/\"}"};
    private static final String[] MEMBERS = {"type", "userId", "anonymousId", "previousId", "groupId", "event",
        "name", "messageId", "timestamp", "originalTimestamp", "sentAt", "properties", "traits", "context",
        "integrations", "channel", "version"};

    private static Gen<String> batches() {
        return random -> {
            StringBuilder body = new StringBuilder("{");
            if (random.nextInt(3) == 0) {
                body.append("\"sentAt\":\"2026-06-01T11:00:00Z\",");
            }
            if (random.nextInt(4) == 0) {
                body.append("\"context\":{\"library\":{\"name\":\"batch-lib\"},\"locale\":\"de\"},");
            }
            body.append("\"batch\":[");
            int count = 1 + random.nextInt(5);
            for (int i = 0; i < count; i++) {
                body.append(i > 0 ? "," : "").append(random.nextInt(40) == 0 ? pick(random, "3", "null", "[{}]")
                        : random.nextInt(3) > 0 ? valid(random) : anything(random));
            }
            return body.append("]}").toString();
        };
    }

    /** A message that is mostly valid: a known type with its required members, the rest drawn at random. */
    private static String valid(Random random) {
        String type = pick(random, "track", "identify", "page", "screen", "group", "alias");
        List<String> members = new ArrayList<>();
        members.add("\"type\":\"" + type + "\"");
        members.add("\"userId\":\"user-" + random.nextInt(100) + "\"");
        if (random.nextBoolean()) {
            members.add("\"anonymousId\":\"anon-" + random.nextInt(100) + "\"");
        }
        switch (type) {
            case "track" -> members.add("\"event\":\"Order " + random.nextInt(9) + "\"");
            case "group" -> members.add("\"groupId\":\"g-" + random.nextInt(9) + "\"");
            case "alias" -> members.add("\"previousId\":\"p-" + random.nextInt(9) + "\"");
            case "page", "screen" -> members.add("\"name\":\"Docs\"");
            default -> {
            }
        }
        if (random.nextInt(4) > 0) {
            members.add("\"messageId\":\"m-" + Long.toHexString(random.nextLong()) + "\"");
        }
        members.add("\"timestamp\":" + (random.nextInt(5) > 0 ? "\"2026-06-01T10:00:00.123Z\"" : pick(random, TIMES)));
        if (random.nextBoolean()) {
            members.add("\"sentAt\":\"2026-06-01T10:05:00Z\"");
        }
        for (String object : List.of("properties", "traits", "context", "integrations")) {
            if (random.nextInt(3) == 0) {
                members.add("\"" + object + "\":" + (random.nextInt(4) > 0 ? OBJECTS[random.nextInt(2) + 1]
                        : pick(random, OBJECTS)));
            }
        }
        if (random.nextInt(4) == 0) {
            members.add(member(random));
        }
        java.util.Collections.shuffle(members, random);
        return "{" + String.join(",", members) + "}";
    }

    /** Members and values drawn at random, names possibly repeated. */
    private static String anything(Random random) {
        List<String> members = new ArrayList<>();
        int count = random.nextInt(9);
        for (int i = 0; i < count; i++) {
            members.add(member(random));
        }
        return "{" + String.join(",", members) + "}";
    }

    private static String member(Random random) {
        String name = pick(random, MEMBERS);
        String value = switch (name) {
            case "type" -> pick(random, TYPES);
            case "timestamp", "originalTimestamp", "sentAt" -> pick(random, TIMES);
            case "properties", "traits", "context", "integrations" -> pick(random, OBJECTS);
            default -> random.nextInt(5) == 0 ? pick(random, OBJECTS) : pick(random, IDS);
        };
        return "\"" + name + "\":" + value;
    }

    private static String pick(Random random, String... values) {
        return values[random.nextInt(values.length)];
    }
}
