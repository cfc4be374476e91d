package dev.operon.plugins.anomaly.alerts;

import dev.operon.plugins.anomaly.metrics.Labels;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationContext;
import dev.operon.sdk.operation.OperationException;
import dev.operon.sdk.operation.OperationException.FieldError;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Operations on silences and maintenance windows. */
public final class SilenceOperations {

    /**
     * @param kind            {@code silence} (default) or {@code maintenance}
     * @param seriesName      only series of this metric name (absent: any)
     * @param labelMatch      only series with all these labels
     * @param startsAt        one-off: start; recurring: first day it applies (optional)
     * @param endsAt          one-off: end; recurring: last day it applies (optional)
     * @param cron            recurring: five-field cron (minute hour day month weekday) opening each window
     * @param durationMinutes recurring: how long each window lasts
     * @param timeZone        recurring: the zone the cron is read in (default UTC), such as {@code Asia/Shanghai}
     * @param comment         why
     */
    public record SilenceInput(@Pattern(regexp = "silence|maintenance") String kind, @Size(max = 200) String seriesName,
                               Map<String, String> labelMatch, Instant startsAt, Instant endsAt,
                               @Size(max = 200) String cron, @Min(1) Integer durationMinutes,
                               @Size(max = 64) String timeZone, @Size(max = 2000) String comment) {
    }

    /** One row of the silence list. */
    public record SilenceRow(long id, String kind, String seriesName, String labelMatch, Instant startsAt,
                             Instant endsAt, String cron, Integer durationMinutes, String timeZone, boolean activeNow,
                             String comment, String createdBy) {
    }

    /** @param silenceId the silence */
    public record IdInput(@Min(1) long silenceId) {
    }

    /** No input. */
    public record NoInput() {
    }

    private SilenceOperations() {
    }

    public static List<Operation<?, ?>> all(Clock clock) {
        return List.of(
                Operation.action("create-silence", "Silence or maintenance window", SilenceInput.class,
                        SilenceRow.class,
                        (context, input) -> create(context, input, clock)),
                Operation.query("list-silences", "Silences and maintenance windows", NoInput.class, List.class,
                        (context, input) -> context.data().inTransaction(SilenceStore::all).stream()
                                .map(s -> row(s, clock.instant())).toList()),
                Operation.action("delete-silence", "Delete a silence", IdInput.class, Map.class,
                        (context, input) -> delete(context, input, clock)));
    }

    static SilenceRow create(OperationContext context, SilenceInput input, Clock clock) throws SQLException {
        List<FieldError> errors = new ArrayList<>();
        String labels = Labels.problem(input.labelMatch());
        if (labels != null) {
            errors.add(new FieldError("labelMatch", labels));
        }
        String zone = input.timeZone() == null || input.timeZone().isBlank() ? "UTC" : input.timeZone();
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            errors.add(new FieldError("timeZone", "unknown time zone '" + zone + "'"));
        }
        boolean recurring = input.cron() != null && !input.cron().isBlank();
        if (recurring) {
            try {
                CronSchedule.parse(input.cron());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("cron", e.getMessage()));
            }
            if (input.durationMinutes() == null) {
                errors.add(new FieldError("durationMinutes", "a recurring window needs its length"));
            } else if (Duration.ofMinutes(input.durationMinutes()).compareTo(CronSchedule.MAX_WINDOW) > 0) {
                errors.add(new FieldError("durationMinutes", "at most " + CronSchedule.MAX_WINDOW.toMinutes()));
            }
        } else {
            if (input.startsAt() == null) {
                errors.add(new FieldError("startsAt", "a one-off silence needs its start (or give a cron)"));
            }
            if (input.endsAt() == null) {
                errors.add(new FieldError("endsAt", "a one-off silence needs its end (or give a cron)"));
            }
        }
        if (input.startsAt() != null && input.endsAt() != null && !input.endsAt().isAfter(input.startsAt())) {
            errors.add(new FieldError("endsAt", "must be after startsAt"));
        }
        if (!errors.isEmpty()) {
            throw OperationException.invalid(errors);
        }
        Silence draft = new Silence(0, input.kind() == null ? "silence" : input.kind(),
                input.seriesName() == null || input.seriesName().isBlank() ? null : input.seriesName(),
                Labels.sorted(input.labelMatch()), input.startsAt(), input.endsAt(),
                recurring ? input.cron().trim() : null, recurring ? input.durationMinutes() * 60 : null, zone,
                input.comment() == null ? "" : input.comment(), context.actor());
        Silence saved = context.data().inTransaction(c -> {
            long id = SilenceStore.create(c, draft);
            return SilenceStore.all(c).stream().filter(s -> s.id() == id).findFirst().orElseThrow();
        });
        SilenceRow row = row(saved, clock.instant());
        context.audit(null, row);
        return row;
    }

    static Map<String, Object> delete(OperationContext context, IdInput input, Clock clock) throws SQLException {
        SilenceRow before = context.data().inTransaction(c -> {
            Silence s = SilenceStore.all(c).stream().filter(x -> x.id() == input.silenceId()).findFirst()
                    .orElseThrow(() -> OperationException.notFound("no silence " + input.silenceId()));
            SilenceStore.delete(c, s.id());
            return row(s, clock.instant());
        });
        context.audit(before, null);
        return Map.of("deleted", input.silenceId());
    }

    static SilenceRow row(Silence s, Instant now) {
        return new SilenceRow(s.id(), s.kind(), s.seriesName(), Labels.json(s.labelMatch()), s.startsAt(), s.endsAt(),
                s.cron(), s.durationSeconds() == null ? null : s.durationSeconds() / 60, s.timeZone(), s.activeAt(now),
                s.comment(), s.createdBy());
    }
}
