package dev.operon.core.audit;

import dev.operon.core.api.ApiException;
import dev.operon.core.api.Problem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The audit filters as the API and the CLI receive them (text), turned into an {@link AuditFilter} by
 * {@link #toFilter()}, which reports every invalid value at once as a 422 naming the field.
 *
 * <p>{@code action} and {@code target} match exactly, or by prefix when they end with {@code *}; an action ending with
 * {@code .} (like {@code task.}) is a prefix too. {@code from} and {@code to} are ISO-8601 times with an offset
 * ({@code 2025-03-01T09:30:00Z}) or UTC dates ({@code 2025-03-01}); {@code from} is inclusive, {@code to} exclusive.
 */
public class AuditFilterParams {

    static final int MAX_TEXT = 500;

    @RestQuery
    public String actorType;
    @RestQuery
    public String actorId;
    @RestQuery
    public String action;
    @RestQuery
    public String target;
    @RestQuery
    public String outcome;
    @RestQuery
    public String from;
    @RestQuery
    public String to;
    @RestQuery
    public String after;
    @RestQuery
    public String before;

    public AuditFilter toFilter() {
        List<Problem.FieldError> errors = new ArrayList<>();
        String type = blankToNull(actorType);
        if (type != null && Arrays.stream(Actor.Type.values()).noneMatch(t -> t.wire().equals(type))) {
            errors.add(new Problem.FieldError("actorType", "must be one of " + actorTypes()));
        }
        String id = text("actorId", actorId, errors);
        String actionText = text("action", action, errors);
        boolean actionPrefix = actionText != null && (actionText.endsWith("*") || actionText.endsWith("."));
        if (actionText != null && actionText.endsWith("*")) {
            actionText = actionText.substring(0, actionText.length() - 1);
        }
        String targetText = text("target", target, errors);
        boolean targetPrefix = targetText != null && targetText.endsWith("*");
        if (targetPrefix) {
            targetText = targetText.substring(0, targetText.length() - 1);
        }
        String outcomeText = blankToNull(outcome);
        if (outcomeText != null && !AuditEvent.OUTCOMES.contains(outcomeText)) {
            errors.add(new Problem.FieldError("outcome", "must be one of success, failure, denied"));
        }
        Instant fromTime = time("from", from, errors);
        Instant toTime = time("to", to, errors);
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            errors.add(new Problem.FieldError("to", "must be after 'from'"));
        }
        Long afterSeq = seq("after", after, errors);
        Long beforeSeq = seq("before", before, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new AuditFilter(type, id, actionText, actionPrefix, targetText, targetPrefix, outcomeText, fromTime,
                toTime, afterSeq, beforeSeq);
    }

    /** Parses a time as {@code from} and {@code to} accept it; null when it is not one. */
    static Instant parseTime(String text) {
        // A '+' offset that reached us unencoded in a query string arrives as a space.
        String value = text.trim().replace(' ', '+');
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static String actorTypes() {
        return String.join(", ", Arrays.stream(Actor.Type.values())
                .map(Actor.Type::wire).toList());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static String text(String field, String value, List<Problem.FieldError> errors) {
        String text = blankToNull(value);
        if (text != null && text.length() > MAX_TEXT) {
            errors.add(new Problem.FieldError(field, "must be at most " + MAX_TEXT + " characters"));
            return null;
        }
        return text;
    }

    private static Instant time(String field, String value, List<Problem.FieldError> errors) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        Instant time = parseTime(text);
        if (time == null) {
            errors.add(new Problem.FieldError(field,
                    "must be an ISO-8601 time with an offset (2025-03-01T09:30:00Z) or a date (2025-03-01)"));
        }
        return time;
    }

    private static Long seq(String field, String value, List<Problem.FieldError> errors) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            long seq = Long.parseLong(text);
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new Problem.FieldError(field, "must be a record seq (a whole number, 0 or more)"));
        return null;
    }
}
