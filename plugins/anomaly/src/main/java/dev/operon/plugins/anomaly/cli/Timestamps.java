package dev.operon.plugins.anomaly.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Timestamps as metric exports write them: NAB's {@code 2014-04-01 00:00:00} (fractions allowed), ISO-8601 local
 * date-times ({@code 2014-04-01T00:00:00}) and dates, ISO-8601 instants with an offset ({@code ...Z},
 * {@code ...+02:00}), and epoch seconds or milliseconds (digits only; 12 digits or more count as milliseconds).
 * Times without an offset are read as UTC.
 */
final class Timestamps {

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral(' ')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();

    private Timestamps() {
    }

    /** Epoch milliseconds of {@code text}; throws {@link DateTimeParseException} when no format fits. */
    static long parse(String text) {
        String t = text.strip();
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            long n = Long.parseLong(t);
            return t.length() >= 12 ? n : n * 1000L;
        }
        if (t.length() >= 19 && t.charAt(10) == ' ' && !hasOffset(t)) {
            return LocalDateTime.parse(t, LOCAL).toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        if (t.length() == 10) {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        if (hasOffset(t)) {
            String iso = t.charAt(10) == ' ' ? t.substring(0, 10) + 'T' + t.substring(11) : t;
            return OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        }
        return LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static boolean hasOffset(String t) {
        if (t.endsWith("Z") || t.endsWith("z")) {
            return true;
        }
        int timeStart = Math.min(t.length(), 11);
        int plus = t.indexOf('+', timeStart);
        int minus = t.indexOf('-', timeStart);
        return plus > 0 || minus > 0;
    }

    /** For messages: what an accepted timestamp looks like. */
    static String examples() {
        return "'2014-04-01 00:00:00' (fractions allowed), '2014-04-01T00:00:00', '2014-04-01T00:00:00Z' or"
                + " '+02:00', '2014-04-01', epoch seconds or milliseconds (without an offset: UTC)";
    }

    static Instant instant(long millis) {
        return Instant.ofEpochMilli(millis);
    }
}
