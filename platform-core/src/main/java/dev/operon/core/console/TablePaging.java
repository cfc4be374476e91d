package dev.operon.core.console;

import io.quarkus.qute.TemplateData;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The sort and page of each table on a plugin panel, kept apart by the widget's index ({@code sort3}, {@code dir3},
 * {@code page3}): paging or sorting one table leaves the others where they were (one shared {@code page} paged every
 * table of the panel at once).
 */
@TemplateData
public final class TablePaging {

    private static final Pattern PARAMETER = Pattern.compile("(sort|dir|page)\\d{1,3}");

    private final Map<String, String> state;

    private TablePaging(Map<String, String> state) {
        this.state = state;
    }

    /** Keeps only this class's parameters from a request's query. */
    static TablePaging of(Map<String, String> query) {
        Map<String, String> state = new TreeMap<>();
        query.forEach((name, value) -> {
            if (value != null && !value.isBlank() && PARAMETER.matcher(name).matches()) {
                state.put(name, value);
            }
        });
        return new TablePaging(state);
    }

    String sort(int index) {
        return state.get("sort" + index);
    }

    boolean descending(int index) {
        return "desc".equals(state.get("dir" + index));
    }

    int page(int index) {
        try {
            return Integer.parseInt(state.getOrDefault("page" + index, "1"));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The link that sorts table {@code w} by {@code field} (ascending, or descending when it is already ascending). */
    public String sortHref(PanelView w, String field) {
        boolean descending = w.sortedBy(field) && !w.descending();
        return href(w.index(), field, descending ? "desc" : "asc", 1);
    }

    /** The link to page {@code page} of table {@code w}, in its current order. */
    public String pageHref(PanelView w, int page) {
        return href(w.index(), w.sort(), w.descending() ? "desc" : "asc", page);
    }

    private String href(int index, String sort, String dir, int page) {
        Map<String, String> next = new TreeMap<>(state);
        next.remove("sort" + index);
        next.remove("dir" + index);
        next.remove("page" + index);
        if (sort != null) {
            next.put("sort" + index, sort);
            next.put("dir" + index, dir);
        }
        if (page > 1) {
            next.put("page" + index, Integer.toString(page));
        }
        StringBuilder query = new StringBuilder("?");
        next.forEach((name, value) -> query.append(query.length() > 1 ? "&" : "").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return query.toString();
    }
}
