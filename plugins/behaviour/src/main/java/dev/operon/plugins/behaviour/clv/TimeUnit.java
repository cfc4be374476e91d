package dev.operon.plugins.behaviour.clv;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The period purchases are counted in, as pandas period frequencies in lifetimes'
 * {@code summary_data_from_transaction_data}: purchases in the same period count once, and recency and T are whole
 * numbers of periods (divided by a multiplier, so that days / 7 gives exact weeks).
 */
public enum TimeUnit {
    /** Calendar days. */
    D,
    /** Weeks from Monday to Sunday (pandas {@code W}, i.e. {@code W-SUN}). */
    W,
    /** Calendar months. */
    M;

    /** The unit named by a {@code --freq} value; throws with the choices otherwise. */
    public static TimeUnit of(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown period '" + text + "': D (days), W (weeks) or M (months)");
        }
    }

    /** The period number of a date: consecutive periods have consecutive numbers. */
    public long period(LocalDate date) {
        long day = date.toEpochDay();
        return switch (this) {
            case D -> day;
            // 1970-01-01 was a Thursday: shifting by 3 makes Mondays multiples of 7
            case W -> Math.floorDiv(day + 3, 7);
            case M -> ChronoUnit.MONTHS.between(LocalDate.of(1970, 1, 1), date.withDayOfMonth(1));
        };
    }
}
