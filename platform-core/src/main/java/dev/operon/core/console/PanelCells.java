package dev.operon.core.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * How a value from a plugin operation is shown in a panel cell or KPI: times in UTC as on every other console page,
 * numbers rounded to what an operator reads ({@link ReadableNumbers}), booleans as the page's yes and no, anything
 * nested as compact JSON.
 */
final class PanelCells {

    private static final Pattern ISO_INSTANT = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})");

    /** Epoch numbers below this are seconds (it is the year 5138 in seconds, 1973 in milliseconds). */
    private static final double SECONDS_LIMIT = 1e11;

    private final String yes;
    private final String no;

    PanelCells(String yes, String no) {
        this.yes = yes;
        this.no = no;
    }

    static PanelCells of(Page page) {
        return new PanelCells(page.t("common.yes"), page.t("common.no"));
    }

    /** An operation's answer as JSON the way the API writes it (times as ISO-8601 text, see {@link Charts#JSON}). */
    static JsonNode answer(Object output) {
        return Charts.JSON.valueToTree(output);
    }

    String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? yes : no;
        }
        if (value.isNumber()) {
            return ReadableNumbers.of(value.numberValue());
        }
        if (value.isTextual()) {
            Instant at = isoTime(value.textValue());
            return at == null ? value.textValue() : Page.utc(at);
        }
        return value.toString();
    }

    /**
     * A time field of a chart row: ISO-8601 text, or an epoch number in seconds or milliseconds (told apart by
     * size); null when it is neither.
     */
    static Instant time(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            double epoch = node.doubleValue();
            return Math.abs(epoch) < SECONDS_LIMIT ? Instant.ofEpochMilli(Math.round(epoch * 1000))
                    : Instant.ofEpochMilli(Math.round(epoch));
        }
        return isoTime(node.asText());
    }

    private static Instant isoTime(String text) {
        if (text == null || !ISO_INSTANT.matcher(text).matches()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
