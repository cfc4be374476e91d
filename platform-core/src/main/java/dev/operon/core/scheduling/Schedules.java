package dev.operon.core.scheduling;

import dev.operon.core.api.ApiException;
import dev.operon.core.api.Problem;
import dev.operon.core.tasks.ScheduleSpec;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.ScheduleBuilder;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.spi.OperableTrigger;
import org.quartz.TriggerUtils;

/** Checks schedules and turns them into Quartz triggers; previews their next fire times. */
public final class Schedules {

    /** The longest interval accepted: one year. */
    static final long MAX_INTERVAL_SECONDS = 366L * 24 * 3600;

    private Schedules() {
    }

    /** The schedule with its cron normalised to Quartz syntax, or a 422 naming each bad field. */
    public static ScheduleSpec validate(ScheduleSpec spec, Instant now) {
        if (spec == null) {
            return ScheduleSpec.MANUAL;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        String cron = spec.cron();
        String zone = spec.timeZone();
        switch (spec.kind() == null ? "" : spec.kind()) {
            case "manual" -> {
            }
            case "cron" -> {
                if (cron == null || cron.isBlank()) {
                    errors.add(new Problem.FieldError("schedule.cron", "is required for a cron schedule"));
                } else {
                    try {
                        cron = toQuartzCron(cron.trim());
                        new CronExpression(cron);
                    } catch (ParseException | IllegalArgumentException e) {
                        errors.add(new Problem.FieldError("schedule.cron", "invalid cron expression '" + spec.cron()
                                + "': " + e.getMessage()));
                    }
                }
                if (zone != null) {
                    try {
                        ZoneId.of(zone);
                    } catch (DateTimeException e) {
                        errors.add(new Problem.FieldError("schedule.timeZone", "unknown time zone '" + zone + "'"));
                    }
                }
            }
            case "interval" -> {
                if (spec.everySeconds() == null || spec.everySeconds() < 1
                        || spec.everySeconds() > MAX_INTERVAL_SECONDS) {
                    errors.add(new Problem.FieldError("schedule.everySeconds",
                            "must be between 1 and " + MAX_INTERVAL_SECONDS));
                }
            }
            case "once" -> {
                if (spec.at() == null) {
                    errors.add(new Problem.FieldError("schedule.at", "is required for a one-off schedule"));
                }
            }
            default -> errors.add(new Problem.FieldError("schedule.kind", "must be manual, cron, interval or once"));
        }
        if (spec.misfire() != null && !spec.misfire().equals("fire-once") && !spec.misfire().equals("skip")) {
            errors.add(new Problem.FieldError("schedule.misfire", "must be fire-once or skip"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        String kind = spec.kind();
        return new ScheduleSpec(kind, "cron".equals(kind) ? cron : null,
                "cron".equals(kind) ? (zone == null ? "UTC" : zone) : null,
                "interval".equals(kind) ? spec.everySeconds() : null,
                "once".equals(kind) ? spec.at() : null, spec.misfireOrDefault());
    }

    /**
     * Quartz cron from either Quartz syntax (6 or 7 fields, seconds first) or Unix syntax (5 fields, day of week
     * 0-7 with Sunday 0 or 7).
     */
    static String toQuartzCron(String expression) {
        String[] fields = expression.split("\\s+");
        if (fields.length == 6 || fields.length == 7) {
            return String.join(" ", fields);
        }
        if (fields.length != 5) {
            throw new IllegalArgumentException("expected 5 fields (Unix) or 6-7 fields (Quartz), got "
                    + fields.length);
        }
        String dayOfMonth = fields[2];
        String dayOfWeek = unixToQuartzDays(fields[4]);
        if ("*".equals(dayOfWeek)) {
            dayOfWeek = "?";
        } else if ("*".equals(dayOfMonth)) {
            dayOfMonth = "?";
        } else {
            throw new IllegalArgumentException("a day of month and a day of week together are not supported");
        }
        return String.join(" ", "0", fields[0], fields[1], dayOfMonth, fields[3], dayOfWeek);
    }

    private static String unixToQuartzDays(String field) {
        String[] stepParts = field.split("/", 2);
        StringBuilder mapped = new StringBuilder();
        java.util.regex.Matcher digits = java.util.regex.Pattern.compile("\\d+").matcher(stepParts[0]);
        int last = 0;
        while (digits.find()) {
            mapped.append(stepParts[0], last, digits.start());
            int day = Integer.parseInt(digits.group());
            if (day > 7) {
                throw new IllegalArgumentException("day of week " + day + " is out of range 0-7");
            }
            mapped.append(day % 7 + 1);
            last = digits.end();
        }
        mapped.append(stepParts[0].substring(last));
        return stepParts.length == 2 ? mapped + "/" + stepParts[1] : mapped.toString();
    }

    /** A trigger for a validated, non-manual schedule. */
    public static Trigger trigger(ScheduleSpec spec, String name, String group, Instant now) {
        boolean skip = "skip".equals(spec.misfireOrDefault());
        TriggerBuilder<Trigger> builder = TriggerBuilder.newTrigger().withIdentity(name, group);
        ScheduleBuilder<? extends Trigger> schedule = switch (spec.kind()) {
            case "cron" -> {
                CronScheduleBuilder cron = CronScheduleBuilder.cronSchedule(spec.cron())
                        .inTimeZone(TimeZone.getTimeZone(ZoneId.of(spec.timeZone())));
                yield skip ? cron.withMisfireHandlingInstructionDoNothing()
                        : cron.withMisfireHandlingInstructionFireAndProceed();
            }
            case "interval" -> {
                builder.startAt(Date.from(now.plusSeconds(spec.everySeconds())));
                SimpleScheduleBuilder interval = SimpleScheduleBuilder.repeatSecondlyForever(
                        Math.toIntExact(spec.everySeconds()));
                yield skip ? interval.withMisfireHandlingInstructionNextWithRemainingCount()
                        : interval.withMisfireHandlingInstructionNowWithExistingCount();
            }
            case "once" -> {
                builder.startAt(Date.from(spec.at()));
                SimpleScheduleBuilder once = SimpleScheduleBuilder.simpleSchedule();
                yield skip ? once.withMisfireHandlingInstructionNextWithRemainingCount()
                        : once.withMisfireHandlingInstructionFireNow();
            }
            default -> throw new IllegalArgumentException("no trigger for schedule kind " + spec.kind());
        };
        return builder.withSchedule(schedule).build();
    }

    /** The next {@code count} fire times from {@code now}; empty for manual schedules and past one-offs. */
    public static List<Instant> nextFireTimes(ScheduleSpec spec, Instant now, int count) {
        if (spec == null || "manual".equals(spec.kind())) {
            return List.of();
        }
        if ("once".equals(spec.kind())) {
            return spec.at().isAfter(now) ? List.of(spec.at()) : List.of();
        }
        OperableTrigger trigger = (OperableTrigger) trigger(spec, "preview", "preview", now);
        return TriggerUtils.computeFireTimes(trigger, null, count).stream().map(Date::toInstant).toList();
    }
}
