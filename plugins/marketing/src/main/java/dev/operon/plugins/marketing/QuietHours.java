package dev.operon.plugins.marketing;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Hours during which nobody is contacted, in each user's own time zone. The span may wrap midnight (21:00 to 08:00).
 *
 * @param start           first quiet minute
 * @param end             first minute allowed again
 * @param defaultTimeZone for users without a usable time zone
 */
public record QuietHours(LocalTime start, LocalTime end, ZoneId defaultTimeZone) {

    /** True when {@code at} falls within the quiet hours in {@code zone}. */
    public boolean isQuiet(Instant at, ZoneId zone) {
        LocalTime local = at.atZone(zone).toLocalTime();
        if (start.equals(end)) {
            return false;
        }
        return start.isBefore(end)
                ? !local.isBefore(start) && local.isBefore(end)
                : !local.isBefore(start) || local.isBefore(end);
    }

    /** The first instant at or after {@code at} outside the quiet hours in {@code zone}. */
    public Instant nextAllowed(Instant at, ZoneId zone) {
        if (!isQuiet(at, zone)) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        ZonedDateTime candidate = local.with(end);
        if (!candidate.isAfter(local)) {
            candidate = candidate.plusDays(1);
        }
        return candidate.toInstant();
    }

    /** The user's zone from a trait value, or the default when it is missing or not a valid zone id. */
    public ZoneId zoneOf(Object trait) {
        if (trait instanceof String s && !s.isBlank()) {
            try {
                return ZoneId.of(s.trim());
            } catch (RuntimeException e) {
                return defaultTimeZone;
            }
        }
        return defaultTimeZone;
    }
}
