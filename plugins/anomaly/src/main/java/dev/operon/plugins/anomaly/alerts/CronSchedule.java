package dev.operon.plugins.anomaly.alerts;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;

/**
 * A standard five-field cron expression (minute, hour, day of month, month, day of week; {@code *}, lists, ranges and
 * {@code /} steps; day of week 0-7 with 0 and 7 Sunday), evaluated in a time zone, used for recurring maintenance
 * windows: a window opens at each time the expression matches and lasts a duration. As in cron, when both day fields
 * are restricted a day matches if either matches.
 */
public final class CronSchedule {

    /** Windows longer than this are refused: checking one looks back minute by minute over its length. */
    public static final Duration MAX_WINDOW = Duration.ofDays(31);

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet days;
    private final BitSet months;
    private final BitSet weekdays;
    private final boolean daysRestricted;
    private final boolean weekdaysRestricted;

    private CronSchedule(String text, String[] f) {
        this.text = text;
        this.minutes = field(f[0], 0, 59, "minute");
        this.hours = field(f[1], 0, 23, "hour");
        this.days = field(f[2], 1, 31, "day of month");
        this.months = field(f[3], 1, 12, "month");
        BitSet dow = field(f[4], 0, 7, "day of week");
        if (dow.get(7)) {
            dow.set(0);
        }
        this.weekdays = dow;
        this.daysRestricted = !f[2].equals("*");
        this.weekdaysRestricted = !f[4].equals("*");
    }

    /** Parses; an {@link IllegalArgumentException} says what is wrong. */
    public static CronSchedule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a cron expression is needed");
        }
        String[] fields = text.trim().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("a cron expression has 5 fields (minute hour day month weekday), got "
                    + fields.length);
        }
        return new CronSchedule(text.trim(), fields);
    }

    /** Whether the expression matches the minute of {@code at}. */
    public boolean matches(ZonedDateTime at) {
        if (!minutes.get(at.getMinute()) || !hours.get(at.getHour()) || !months.get(at.getMonthValue())) {
            return false;
        }
        boolean day = days.get(at.getDayOfMonth());
        boolean weekday = weekdays.get(at.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : at.getDayOfWeek().getValue());
        if (daysRestricted && weekdaysRestricted) {
            return day || weekday;
        }
        return day && weekday;
    }

    /**
     * Whether {@code at} falls in a window that opened at a matching minute (in {@code zone}) no longer than
     * {@code length} before it.
     */
    public boolean inWindow(Instant at, Duration length, ZoneId zone) {
        Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
        Instant earliest = at.minus(length);
        for (Instant m = minute; m.isAfter(earliest); m = m.minus(1, ChronoUnit.MINUTES)) {
            if (matches(m.atZone(zone))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }

    private static BitSet field(String text, int min, int max, String name) {
        BitSet bits = new BitSet(max + 1);
        for (String part : text.split(",")) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(part.substring(slash + 1), name);
                range = part.substring(0, slash);
                if (step < 1) {
                    throw new IllegalArgumentException(name + ": step must be at least 1 in '" + part + "'");
                }
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", 2);
                from = number(ends[0], name);
                to = number(ends[1], name);
            } else {
                from = number(range, name);
                to = slash >= 0 ? max : from;
            }
            if (from < min || to > max || from > to) {
                throw new IllegalArgumentException(name + ": '" + part + "' is outside " + min + "-" + max);
            }
            for (int v = from; v <= to; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int number(String text, String name) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + text + "' is not a number");
        }
    }
}
