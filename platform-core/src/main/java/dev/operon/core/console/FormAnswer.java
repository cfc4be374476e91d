package dev.operon.core.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What an operation answered to a panel form, laid out to be read: the answer's plain fields as labelled facts, its
 * lists of records as tables, and the JSON itself for whoever wants all of it. Values are written as the panel
 * tables write them (times in UTC, readable numbers, yes and no).
 *
 * @param facts the answer's fields that are not lists of records, in its order
 * @param grids its lists of records (or the answer itself when it is one), one table each
 * @param json  the whole answer, pretty-printed
 */
@TemplateData
public record FormAnswer(List<Fact> facts, List<Grid> grids, String json) {

    /** At most this many columns and rows of a table; the JSON holds the rest. */
    static final int MAX_COLUMNS = 12;
    static final int MAX_ROWS = 100;

    /** One labelled value. */
    @TemplateData
    public record Fact(String label, String text) {
    }

    /** One list of records; {@code title} is null for an answer that is itself a list. */
    @TemplateData
    public record Grid(String title, List<String> columns, List<List<String>> rows, int more) {
    }

    /** The answer laid out; {@code labels} words a field's label in the page's language (the plugin's translation). */
    static FormAnswer of(JsonNode answer, PanelCells cells, UnaryOperator<String> labels) {
        List<Fact> facts = new ArrayList<>();
        List<Grid> grids = new ArrayList<>();
        if (isRecordList(answer)) {
            grids.add(grid(null, answer, cells, labels));
        } else if (answer != null && answer.isObject()) {
            for (Iterator<String> names = answer.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                JsonNode value = answer.get(name);
                if (isRecordList(value)) {
                    grids.add(grid(labels.apply(SchemaForm.label(name)), value, cells, labels));
                } else {
                    facts.add(new Fact(labels.apply(SchemaForm.label(name)), cells.text(value)));
                }
            }
        }
        return new FormAnswer(List.copyOf(facts), List.copyOf(grids), answer == null ? "" : Charts.pretty(answer));
    }

    /** Whether the answer has anything to lay out beyond its JSON (a number or a text alone has not). */
    public boolean laidOut() {
        return !facts.isEmpty() || !grids.isEmpty();
    }

    private static boolean isRecordList(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            return false;
        }
        for (JsonNode element : node) {
            if (!element.isObject()) {
                return false;
            }
        }
        return true;
    }

    private static Grid grid(String title, JsonNode records, PanelCells cells, UnaryOperator<String> labels) {
        Set<String> fields = new LinkedHashSet<>();
        for (JsonNode record : records) {
            record.fieldNames().forEachRemaining(fields::add);
        }
        List<String> columns = fields.stream().limit(MAX_COLUMNS).toList();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(records.size(), MAX_ROWS); i++) {
            JsonNode record = records.get(i);
            rows.add(columns.stream().map(column -> cells.text(record.get(column))).toList());
        }
        return new Grid(title, columns.stream().map(SchemaForm::label).map(labels).toList(), rows,
                Math.max(0, records.size() - MAX_ROWS));
    }
}
