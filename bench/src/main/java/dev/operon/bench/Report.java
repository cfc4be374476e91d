package dev.operon.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a benchmark found: Markdown tables and notes for people (printed, and pasted into docs/benchmarks.md), and
 * the same figures as JSON under {@code bench/target/results/} for comparisons later.
 */
final class Report {

    private final String benchmark;
    private final StringBuilder text = new StringBuilder();
    private final Map<String, Object> data = new LinkedHashMap<>();

    Report(String benchmark, Map<String, String> options) {
        this.benchmark = benchmark;
        data.put("benchmark", benchmark);
        data.put("startedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        data.put("options", options);
        data.put("machine", Machine.describe());
        text.append("## ").append(benchmark).append(" (").append(data.get("startedAt")).append(")\n\n")
                .append("Machine: ").append(Machine.summary()).append("\n\n");
    }

    /** A Markdown table; {@code rows} hold already formatted cells. */
    void table(String title, List<String> header, List<List<String>> rows) {
        text.append("### ").append(title).append("\n\n| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> text.append("---|"));
        text.append('\n');
        for (List<String> row : rows) {
            text.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        text.append('\n');
    }

    void note(String line) {
        text.append(line).append('\n');
    }

    /** A figure for the JSON file. */
    void put(String key, Object value) {
        data.put(key, value);
    }

    /** Prints the text and writes {@code <dir>/<benchmark>-<time>.json} and {@code .md}; returns the JSON path. */
    Path finish(Path dir) throws IOException {
        data.put("finishedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        data.put("loadAverageAtEnd", Machine.loadAverage());
        note("\nLoad average at the end: " + Machine.loadAverage());
        System.out.println(text);
        Files.createDirectories(dir);
        String stem = benchmark + "-" + data.get("startedAt").toString().replace(":", "");
        Path json = dir.resolve(stem + ".json");
        OperonClient.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), data);
        Files.writeString(dir.resolve(stem + ".md"), text);
        return json;
    }

    static String num(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static List<String> row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        return row;
    }
}
