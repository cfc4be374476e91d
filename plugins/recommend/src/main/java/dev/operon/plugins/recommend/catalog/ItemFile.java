package dev.operon.plugins.recommend.catalog;

import dev.operon.sdk.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a catalogue file (CSV with a header, or JSON Lines) into items, checking every record before anything is
 * written: a file with any bad record is refused as a whole, with the line and reason of each (the first 50).
 *
 * <p>CSV: a header naming {@code item_id} (or {@code item}) and optionally {@code title}, {@code category},
 * {@code price}, {@code available}; every other column becomes a string property. Quoted fields may hold commas,
 * doubled quotes and line breaks. JSON Lines: one object per line with the same names, {@code properties} an object;
 * other fields also become properties. Blank lines are skipped; an id seen twice keeps its last record.
 */
public final class ItemFile {

    /** How many problems a refusal lists at most. */
    public static final int MAX_REPORTED = 50;

    private ItemFile() {
    }

    /** The format of a catalogue file. */
    public enum Format {
        CSV, JSONL;

        /** {@code csv}, {@code jsonl} or {@code ndjson}, any case; null for an unknown name. */
        public static Format parse(String name) {
            return switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
                case "csv" -> CSV;
                case "jsonl", "ndjson", "json-lines" -> JSONL;
                default -> null;
            };
        }
    }

    /** A bad record: its line (1 first) and what is wrong. */
    public record Problem(int line, String message) {
        @Override
        public String toString() {
            return "line " + line + ": " + message;
        }
    }

    /** The items of a file, or why it was refused. */
    public record Parsed(List<Item> items, List<Problem> problems, int problemCount) {
        public boolean ok() {
            return problemCount == 0;
        }
    }

    public static Parsed parse(String content, Format format) {
        List<Problem> problems = new ArrayList<>();
        int[] count = {0};
        Map<String, Item> items = new LinkedHashMap<>();
        Sink sink = (line, item, problem) -> {
            if (problem != null) {
                if (problems.size() < MAX_REPORTED) {
                    problems.add(new Problem(line, problem));
                }
                count[0]++;
            } else {
                items.remove(item.itemId());
                items.put(item.itemId(), item);
            }
        };
        if (content == null || content.isBlank()) {
            sink.accept(1, null, "the file is empty");
        } else if (format == Format.CSV) {
            csv(content, sink);
        } else {
            jsonLines(content, sink);
        }
        return new Parsed(count[0] == 0 ? List.copyOf(items.values()) : List.of(), List.copyOf(problems), count[0]);
    }

    private interface Sink {
        void accept(int line, Item item, String problem);
    }

    // ---- CSV

    private static void csv(String content, Sink sink) {
        List<CsvRecord> records = CsvRecord.split(content);
        if (records.isEmpty()) {
            sink.accept(1, null, "the file is empty");
            return;
        }
        CsvRecord header = records.get(0);
        if (header.error() != null) {
            sink.accept(header.line(), null, header.error());
            return;
        }
        List<String> names = header.fields().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        int idColumn = names.indexOf("item_id") >= 0 ? names.indexOf("item_id") : names.indexOf("item");
        if (idColumn < 0) {
            sink.accept(header.line(), null, "the header has no item_id column: " + header.fields());
            return;
        }
        if (records.size() == 1) {
            sink.accept(header.line(), null, "the file has a header and no items");
            return;
        }
        for (CsvRecord record : records.subList(1, records.size())) {
            if (record.error() != null) {
                sink.accept(record.line(), null, record.error());
                continue;
            }
            if (record.fields().size() == 1 && record.fields().get(0).isBlank()) {
                continue;
            }
            if (record.fields().size() != names.size()) {
                sink.accept(record.line(), null, record.fields().size() + " fields where the header has "
                        + names.size());
                continue;
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            Map<String, Object> properties = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                String value = record.fields().get(i);
                if (value.isEmpty()) {
                    continue;
                }
                if (i == idColumn) {
                    fields.put("item_id", value);
                } else if (KNOWN.contains(names.get(i))) {
                    fields.put(names.get(i), value);
                } else {
                    properties.put(header.fields().get(i).trim(), value);
                }
            }
            accept(record.line(), fields, properties, sink);
        }
    }

    private static final List<String> KNOWN = List.of("item_id", "title", "category", "price", "available");

    // ---- JSON Lines

    @SuppressWarnings("unchecked")
    private static void jsonLines(String content, Sink sink) {
        String[] lines = content.split("\r?\n", -1);
        boolean any = false;
        for (int i = 0; i < lines.length; i++) {
            String text = lines[i].trim();
            if (text.isEmpty()) {
                continue;
            }
            any = true;
            Object value;
            try {
                value = Json.parse(text);
            } catch (IllegalArgumentException e) {
                sink.accept(i + 1, null, e.getMessage());
                continue;
            }
            if (!(value instanceof Map<?, ?> object)) {
                sink.accept(i + 1, null, "a JSON object was expected");
                continue;
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            Map<String, Object> properties = new LinkedHashMap<>();
            String problem = null;
            for (Map.Entry<String, Object> e : ((Map<String, Object>) object).entrySet()) {
                String key = e.getKey();
                String name = key.equals("itemId") || key.equals("item") ? "item_id" : key;
                if (name.equals("properties")) {
                    if (e.getValue() instanceof Map<?, ?> m) {
                        properties.putAll((Map<String, Object>) m);
                    } else if (e.getValue() != null) {
                        problem = "properties must be an object";
                    }
                } else if (KNOWN.contains(name)) {
                    if (e.getValue() instanceof Map || e.getValue() instanceof List) {
                        problem = name + " must be a plain value";
                    } else if (e.getValue() != null) {
                        fields.put(name, e.getValue());
                    }
                } else {
                    properties.put(key, e.getValue());
                }
            }
            if (problem != null) {
                sink.accept(i + 1, null, problem);
            } else {
                accept(i + 1, fields, properties, sink);
            }
        }
        if (!any) {
            sink.accept(1, null, "the file is empty");
        }
    }

    // ---- checks shared by both formats

    private static void accept(int line, Map<String, Object> fields, Map<String, Object> properties, Sink sink) {
        Object id = fields.get("item_id");
        String itemId = id == null ? null : (id instanceof Number n ? n.toString() : id.toString()).trim();
        if (itemId == null || itemId.isEmpty()) {
            sink.accept(line, null, "item_id is missing");
            return;
        }
        if (itemId.length() > 200) {
            sink.accept(line, null, "item_id is longer than 200 characters");
            return;
        }
        String title = text(fields.get("title"));
        String category = text(fields.get("category"));
        if (title != null && title.length() > 500) {
            sink.accept(line, null, "title is longer than 500 characters");
            return;
        }
        if (category != null && category.length() > 200) {
            sink.accept(line, null, "category is longer than 200 characters");
            return;
        }
        Double price = null;
        Object p = fields.get("price");
        if (p != null) {
            try {
                price = p instanceof Number n ? n.doubleValue() : Double.parseDouble(p.toString().trim());
            } catch (NumberFormatException e) {
                sink.accept(line, null, "price '" + p + "' is not a number");
                return;
            }
            if (!Double.isFinite(price) || price < 0) {
                sink.accept(line, null, "price must be a finite number >= 0, not " + p);
                return;
            }
        }
        Boolean available = null;
        Object a = fields.get("available");
        if (a != null) {
            available = bool(a);
            if (available == null) {
                sink.accept(line, null, "available '" + a + "' is not true/false");
                return;
            }
        }
        sink.accept(line, new Item(itemId, title, category, price, available, properties, null), null);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (value.toString().trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "y" -> true;
            case "false", "no", "0", "n" -> false;
            default -> null;
        };
    }
}
