package dev.operon.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.core.api.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Field rules and clock-skew correction of one message, without a server. */
class SegmentEventsTest {

    private final ObjectMapper json = new ObjectMapper();
    private final SegmentEvents segment = new SegmentEvents(json, Instant.parse("1990-01-01T00:00:00Z"),
            Duration.ofDays(366));
    private final Instant received = Instant.parse("2026-06-01T12:00:00Z");

    private IncomingEvent read(String message, String type, List<Problem.FieldError> errors) throws Exception {
        return segment.read(json.readTree(message), type, "", 7L, received, SegmentEvents.Defaults.NONE, errors);
    }

    @Test
    void skewIsTheDifferenceBetweenReceiptAndSentAt() throws Exception {
        List<Problem.FieldError> errors = new ArrayList<>();
        IncomingEvent event = read("{\"userId\":\"u\",\"event\":\"E\",\"timestamp\":\"2026-06-01T10:00:00Z\","
                + "\"sentAt\":\"2026-06-01T10:05:00Z\"}", "track", errors);
        assertThat(errors).isEmpty();
        // the sender's clock is 1 h 55 min behind: its 10:00 happened at 11:55 platform time
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-06-01T11:55:00Z"));
        assertThat(event.originalTimestamp()).isEqualTo(Instant.parse("2026-06-01T10:00:00Z"));
        assertThat(event.sourceId()).isEqualTo(7L);
    }

    @Test
    void zonelessTimesAreUtcAndDatesAreMidnight() {
        assertThat(SegmentEvents.parseTime("2024-01-02T03:04:05")).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
        assertThat(SegmentEvents.parseTime("2024-01-02")).isEqualTo(Instant.parse("2024-01-02T00:00:00Z"));
        assertThat(SegmentEvents.parseTime("2024-01-02T03:04:05.123+02:00"))
                .isEqualTo(Instant.parse("2024-01-02T01:04:05.123Z"));
    }

    @Test
    void nulCharactersAndOutOfRangeTimesAreRefused() throws Exception {
        List<Problem.FieldError> errors = new ArrayList<>();
        assertThat(read("{\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"x\":\"a\\u0000b\"}}", "track", errors))
                .isNull();
        assertThat(errors).extracting(Problem.FieldError::field).containsExactly("properties");
        errors.clear();
        assertThat(read("{\"userId\":\"u\",\"timestamp\":\"2099-01-01T00:00:00Z\"}", "identify", errors)).isNull();
        assertThat(errors).extracting(Problem.FieldError::field).containsExactly("timestamp");
    }

    @Test
    void numbersPostgresCannotStoreAreRefusedNotStoredChanged() throws Exception {
        List<Problem.FieldError> errors = new ArrayList<>();
        // read from the tree (a single call's path): 1e999999 became Infinity, which Jackson writes as "Infinity"
        assertThat(read("{\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"n\":[1,1e999999]}}", "track",
                errors)).isNull();
        assertThat(errors).extracting(Problem.FieldError::field).containsExactly("properties");
        errors.clear();
        // from a batch message's raw text
        SegmentMessage message = SegmentMessage.of((com.fasterxml.jackson.databind.node.ObjectNode)
                json.readTree("{\"userId\":\"u\",\"event\":\"E\"}"));
        byte[] raw = "{\"n\":-1e-999999}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        message.set(SegmentMessage.Member.PROPERTIES, new SegmentMessage.Raw(raw, 0, raw.length));
        IncomingEvent kept = segment.read(message, "track", "", 7L, received, SegmentEvents.Defaults.NONE, errors);
        assertThat(kept).isNull();
        assertThat(errors).extracting(Problem.FieldError::field).containsExactly("properties");
        errors.clear();
        assertThat(read("{\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"n\":1.5e300,\"m\":-2}}", "track",
                errors)).isNotNull();
        assertThat(errors).isEmpty();
    }
}
