package dev.operon.core.tasks;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;

/**
 * When a task runs by itself.
 *
 * @param kind         {@code manual} (only when triggered), {@code cron}, {@code interval} or {@code once}
 * @param cron         for {@code cron}: a Quartz expression with seconds ({@code 0 0/5 * * * ?}) or a five-field
 *                     Unix one ({@code *&#47;5 * * * *})
 * @param timeZone     for {@code cron}: an IANA zone such as {@code Europe/Paris}; UTC when absent
 * @param everySeconds for {@code interval}: the period; the first run is one period after saving
 * @param at           for {@code once}: when
 * @param misfire      what happens to fires missed while no node was up: {@code fire-once} (default: run once
 *                     as soon as possible, however many were missed) or {@code skip} (wait for the next one)
 */
public record ScheduleSpec(
        @NotBlank @Pattern(regexp = "manual|cron|interval|once", message = "must be manual, cron, interval or once")
        String kind,
        String cron,
        String timeZone,
        Long everySeconds,
        Instant at,
        @Pattern(regexp = "fire-once|skip", message = "must be fire-once or skip") String misfire) {

    public static final ScheduleSpec MANUAL = new ScheduleSpec("manual", null, null, null, null, null);

    public String misfireOrDefault() {
        return misfire == null ? "fire-once" : misfire;
    }
}
