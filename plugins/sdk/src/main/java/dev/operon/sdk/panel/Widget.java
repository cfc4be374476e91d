package dev.operon.sdk.panel;

import java.util.List;

/** One element of a {@link Panel}. Operation names refer to the same plugin's operations. */
public sealed interface Widget permits Widget.Table, Widget.TimeSeries, Widget.Kpi, Widget.Form, Widget.Text {

    /**
     * Rows from a query operation returning a list.
     *
     * @param title     heading
     * @param operation query operation returning a list of records or maps
     * @param columns   which fields to show, in order
     * @param emptyHint what the operator should do when there are no rows yet (e.g. which task fills the table);
     *                  {@code null} for the console's generic text (since SDK 1.4)
     */
    record Table(String title, String operation, List<Column> columns, String emptyHint) implements Widget {
        public Table {
            columns = List.copyOf(columns);
        }

        /** A table with the console's generic empty text. */
        public Table(String title, String operation, List<Column> columns) {
            this(title, operation, columns, null);
        }

        /** The same table, telling the operator what to do while it is empty (since SDK 1.4). */
        public Table whenEmpty(String hint) {
            return new Table(title, operation, columns, hint);
        }
    }

    /**
     * A column of a {@link Table}.
     *
     * @param field    field of each row
     * @param label    column heading
     * @param sortable whether the operator can sort by it
     */
    record Column(String field, String label, boolean sortable) {
    }

    /**
     * A time-series chart from a query operation returning rows with a time field.
     *
     * @param title     heading
     * @param operation query operation
     * @param timeField the field holding an ISO-8601 time
     * @param series    numeric fields, one line each
     * @param emptyHint what the operator should do when there are no points yet; {@code null} for the console's
     *                  generic text (since SDK 1.4)
     */
    record TimeSeries(String title, String operation, String timeField, List<String> series, String emptyHint)
            implements Widget {
        public TimeSeries {
            series = List.copyOf(series);
        }

        /** A chart with the console's generic empty text. */
        public TimeSeries(String title, String operation, String timeField, List<String> series) {
            this(title, operation, timeField, series, null);
        }

        /** The same chart, telling the operator what to do while it has no points (since SDK 1.4). */
        public TimeSeries whenEmpty(String hint) {
            return new TimeSeries(title, operation, timeField, series, hint);
        }
    }

    /**
     * A single number with a label, from a query operation.
     *
     * @param title     label
     * @param operation query operation returning a record or map
     * @param field     the numeric field to show
     * @param unit      shown after the number, may be empty
     */
    record Kpi(String title, String operation, String field, String unit) implements Widget {
    }

    /**
     * A form generated from an operation's input schema; submitting calls it and shows the result.
     *
     * @param title     heading
     * @param operation the operation to call
     */
    record Form(String title, String operation) implements Widget {
    }

    /**
     * Static text (Markdown).
     *
     * @param markdown the text
     */
    record Text(String markdown) implements Widget {
    }
}
