package dev.operon.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written fast path reads exactly what the ISO formatter reads, and leaves everything else to it. */
class IsoTimesTest {

    /** What {@link SegmentEvents#parseTime} did before the fast path (a date-time, no bare date), or null. */
    private static Instant formatter(String text) {
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from,
                    LocalDateTime::from);
            return parsed instanceof OffsetDateTime offset ? offset.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Test
    void agreesWithTheFormatterOnHandPickedCases() {
        List<String> cases = List.of("2026-11-30T12:00:00.000Z", "2026-11-30T12:00:00Z", "2026-11-30T12:00:00",
                "2026-11-30T12:00:00.1+02:00", "2026-11-30T12:00:00.123456789-05:30", "2024-02-29T23:59:59Z",
                "2023-02-29T10:00:00Z", "2026-13-01T00:00:00Z", "2026-11-30T24:00:00Z", "2026-11-30T12:60:00Z",
                "2026-11-30T12:00:00.Z", "2026-11-30T12:00:00.1234567890Z", "2026-11-30 12:00:00Z",
                "2026-11-30T12:00Z", "2026-11-30T12:00:00+0200", "2026-11-30T12:00:00+19:00",
                "2026-11-30T12:00:00+02:00[Europe/Paris]", "2026-11-30t12:00:00z", "2026-1a-30T12:00:00Z",
                "-2026-11-30T12:00:00Z", "2026-11-30T12:00:00.5-00:00", "0001-01-01T00:00:00Z");
        for (String text : cases) {
            Instant fast = IsoTimes.parseCommon(text);
            if (fast != null) {
                assertThat(fast).as(text).isEqualTo(formatter(text));
            }
        }
        assertThat(IsoTimes.parseCommon("2026-11-30T12:00:00.000Z")).isEqualTo(Instant.parse("2026-11-30T12:00:00Z"));
        assertThat(IsoTimes.parseCommon("2026-11-30T12:00:00.1+02:00"))
                .isEqualTo(Instant.parse("2026-11-30T10:00:00.100Z"));
        assertThat(IsoTimes.parseCommon("2023-02-29T10:00:00Z")).isNull();
        assertThat(IsoTimes.parseCommon("2026-11-30T12:00:00+02:00[Europe/Paris]")).isNull();
    }

    @Test
    void agreesWithTheFormatterOnRandomTimesAndOffsets() {
        Random random = new Random(3);
        int taken = 0;
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(Instant.parse("1970-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("2100-01-01T00:00:00Z").getEpochSecond());
            int nanos = random.nextInt(1_000_000_000);
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 60, 18 * 60 + 1) * 60);
            OffsetDateTime time = Instant.ofEpochSecond(seconds, nanos).atOffset(offset);
            String text = switch (i % 3) {
                case 0 -> time.toString();
                case 1 -> time.toLocalDateTime().toString();
                default -> time.toInstant().toString();
            };
            Instant fast = IsoTimes.parseCommon(text);
            if (fast != null) {
                assertThat(fast).as(text).isEqualTo(formatter(text));
                taken++;
            }
            assertThat(SegmentEvents.parseTime(text)).as(text).isEqualTo(formatter(text));
        }
        // toString drops zero seconds ("12:00Z"): those go the slow way; nearly all others take the fast path
        assertThat(taken).isGreaterThan(19_000);
    }
}
