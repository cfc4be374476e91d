package dev.operon.core.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.operon.core.api.ApiException;
import dev.operon.core.audit.AuditJson;
import dev.operon.core.plugins.PluginDetail;
import dev.operon.sdk.panel.Widget;
import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One widget of a plugin panel made ready to render: the kind ({@code table}, {@code time-series}, {@code kpi},
 * {@code form}, {@code text}) and what that kind shows. Built by {@link PluginPages} from the declaration and the
 * answer of the operation it is bound to.
 */
@TemplateData
public record PanelView(int index, String kind, String title, String operation, String problem,
                        List<Widget.Column> columns, List<List<String>> rows, int page, int pages, String sort,
                        boolean descending, String chart, String value, String unit,
                        List<SchemaForm.Field> fields, boolean allowed, FormAnswer result, String html,
                        String emptyHint, boolean sentWithGet) {

    static final int ROWS = 20;
    /** Verbs that open the name of an operation whose form asks before it is sent: it acts at once. */
    private static final java.util.Set<String> ACTING_VERBS = java.util.Set.of("delete", "remove", "kill", "stop",
            "cancel", "approve", "erase", "purge", "disable", "reset", "revoke");

    /** Whether this form's operation deletes, stops or releases something (its name starts with such a verb). */
    public boolean confirms() {
        if (!"form".equals(kind) || operation == null) {
            return false;
        }
        int dash = operation.indexOf('-');
        return ACTING_VERBS.contains(dash < 0 ? operation : operation.substring(0, dash));
    }

    static PanelView text(int index, Widget.Text text) {
        return new PanelView(index, "text", "", "", null, List.of(), List.of(), 0, 0, null, false, null, null, null,
                List.of(), true, null, Markdown.toHtml(text.markdown()), null, false);
    }

    static PanelView failed(int index, String kind, String title, String operation, String problem) {
        return new PanelView(index, kind, title, operation, problem, List.of(), List.of(), 0, 0, null, false, null,
                null, null, List.of(), true, null, null, null, false);
    }

    static PanelView table(int index, Widget.Table table, JsonNode answer, String sort, boolean descending,
                           int page, PanelCells cells) {
        List<JsonNode> items = new ArrayList<>();
        (answer != null && answer.isArray() ? answer : Charts.JSON.createArrayNode()).forEach(items::add);
        boolean sortable = sort != null && table.columns().stream().anyMatch(c -> c.sortable() && c.field().equals(sort));
        if (sortable) {
            Comparator<JsonNode> order = Comparator.comparing((Function<JsonNode, JsonNode>) row -> row.get(sort),
                    PanelView::compare);
            items.sort(descending ? order.reversed() : order);
        }
        int pages = Math.max(1, (items.size() + ROWS - 1) / ROWS);
        int current = Math.min(Math.max(1, page), pages);
        List<List<String>> rows = items.stream().skip((long) (current - 1) * ROWS).limit(ROWS)
                .map(row -> table.columns().stream().map(c -> cells.text(row.get(c.field()))).toList()).toList();
        return new PanelView(index, "table", table.title(), table.operation(), null, table.columns(), rows, current,
                pages, sortable ? sort : null, descending, null, null, null, List.of(), true, null, null, table.emptyHint(),
                false);
    }

    static PanelView kpi(int index, Widget.Kpi kpi, JsonNode answer, PanelCells cells) {
        JsonNode value = answer == null ? null : answer.get(kpi.field());
        return new PanelView(index, "kpi", kpi.title(), kpi.operation(), null, List.of(), List.of(), 0, 0, null,
                false, null, value == null || value.isNull() ? "—" : cells.text(value), kpi.unit(), List.of(), true, null,
                null, null, false);
    }

    static PanelView timeSeries(int index, Widget.TimeSeries series, JsonNode answer) {
        List<Long> x = new ArrayList<>();
        List<List<Double>> values = new ArrayList<>();
        series.series().forEach(s -> values.add(new ArrayList<>()));
        if (answer != null && answer.isArray()) {
            for (JsonNode row : answer) {
                Instant at = PanelCells.time(row.get(series.timeField()));
                if (at == null) {
                    continue;
                }
                x.add(at.getEpochSecond());
                for (int i = 0; i < series.series().size(); i++) {
                    JsonNode v = row.get(series.series().get(i));
                    values.get(i).add(v == null || !v.isNumber() ? null : v.asDouble());
                }
            }
        }
        Charts.Builder chart = Charts.over(x, true);
        for (int i = 0; i < series.series().size(); i++) {
            chart.series(series.series().get(i), values.get(i));
        }
        return new PanelView(index, "time-series", series.title(), series.operation(), null, List.of(), List.of(),
                0, 0, null, false, x.isEmpty() ? null : chart.json(), null, null, List.of(), true, null, null,
                series.emptyHint(), false);
    }

    /** A form; {@code typed} are the values last submitted (text as typed), shown again, or null. */
    static PanelView form(int index, Widget.Form form, PluginDetail.OperationView operation, boolean allowed,
                          FormAnswer result, ApiException problem, JsonNode typed, PanelText text, Page page) {
        List<SchemaForm.Field> fields = text.labels(SchemaForm.fields(operation.inputSchema(), typed, "in."));
        // a field's error is named by the label the operator sees above the field, in the page's language
        Map<String, String> labels = new java.util.HashMap<>();
        fields.forEach(field -> labels.put(field.property(), field.label()));
        return new PanelView(index, "form", form.title(), form.operation(),
                problem == null ? null
                        : Pages.problemText(problem, page.problemTitle(problem), f -> labels.getOrDefault(f, f)),
                List.of(), List.of(), 0, 0, null, false, null, null, null, fields, allowed, result, null, null,
                sentWithGet(operation));
    }

    /**
     * Whether a form is sent with GET: a query's answer then has an address (to reload, bookmark, go back to or
     * share) and a reload cannot send anything twice. Actions are POSTs; so is a query with a secret among its
     * inputs, which must not end up in an address, a browser history or a server log.
     */
    static boolean sentWithGet(PluginDetail.OperationView operation) {
        return "query".equals(operation.kind())
                && SchemaForm.fields(operation.inputSchema(), null, "").stream()
                        .noneMatch(field -> AuditJson.namesASecret(field.property()));
    }

    private static int compare(JsonNode a, JsonNode b) {
        if (a == null || a.isNull()) {
            return b == null || b.isNull() ? 0 : -1;
        }
        if (b == null || b.isNull()) {
            return 1;
        }
        if (a.isNumber() && b.isNumber()) {
            return Double.compare(a.asDouble(), b.asDouble());
        }
        return a.asText().compareTo(b.asText());
    }

    /** Prefix of this form's field ids: two forms of a panel may ask for a field of the same name. */
    public String fieldIdPrefix() {
        return "w" + index + "-";
    }

    /** Column headings with the sort links' state. */
    public boolean sortedBy(String field) {
        return field.equals(sort);
    }

    public int previousPage() {
        return page - 1;
    }

    public int nextPage() {
        return page + 1;
    }

    static Map<String, Object> noInput() {
        return Map.of();
    }
}
